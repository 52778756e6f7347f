package io.reactory.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.WorkflowDisabledException;
import io.reactory.workflow.api.WorkflowException;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What happens to one start request, decided without a broker. */
class TriggerHandlerTest {
    /** Data of the test workflow: a number must be a number. */
    public static class Order {
        public String orderId;
        public int amount;
    }

    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();
    private final AmqpOptions options = AmqpOptions.builder(URI.create("amqp://127.0.0.1:5672/%2F"))
            .principal("listener").maxAttempts(3).retryBackoff(Duration.ofMillis(100), Duration.ofMillis(300))
            .maxMessageBytes(2048).build();
    private final List<AmqpCaller> callers = new ArrayList<>();
    private final CallerBinding recording = new CallerBinding() {
        @Override
        public <T> T callAs(AmqpCaller caller, Supplier<T> action) {
            callers.add(caller);
            return action.get();
        }
    };
    private final TriggerHandler handler;

    TriggerHandlerTest() {
        env.runner().registerWorkflow(WorkflowDefinition.define("order", "1", Order.class, b -> b
                .startWith("ship", ctx -> ExecutionResult.next())));
        env.runner().registerWorkflow(WorkflowDefinition.define("invoice", "1", Order.class, b -> b
                .startWith("send", ctx -> ExecutionResult.next())));
        handler = new TriggerHandler(env.runner(), recording, options,
                new Attempts(options.maxAttempts(), options.retryBackoff(), options.maxRetryBackoff()));
    }

    @AfterEach
    void close() {
        env.close();
    }

    private static AMQP.BasicProperties props(String messageId) {
        return new AMQP.BasicProperties.Builder().contentType("application/json").messageId(messageId).build();
    }

    private Outcome handle(String json) {
        return handler.handle(props(null), json.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertDeadLetter(Outcome outcome, DeadLetterReason reason, String detailPart) {
        assertThat(outcome).isInstanceOf(Outcome.DeadLetter.class);
        Outcome.DeadLetter letter = (Outcome.DeadLetter) outcome;
        assertThat(letter.reason()).isEqualTo(reason);
        assertThat(letter.detail()).contains(detailPart);
    }

    @Test
    void a_valid_request_starts_the_workflow_as_the_listeners_principal_with_every_field() {
        Outcome outcome = handle("""
                {"workflowId":"order","version":"1","data":{"orderId":"A-1","amount":3},"reference":"A-1",
                 "idempotencyKey":"key-1","priority":"high","metadata":{"channel":"shop"}}""");

        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        InstanceInfo info = env.runner().getInstance(((Outcome.Done) outcome).result());
        assertThat(info.workflowId()).isEqualTo("order");
        assertThat(info.reference()).isEqualTo("A-1");
        assertThat(info.priority()).isEqualTo(Priority.HIGH);
        assertThat(info.metadata()).containsEntry("channel", "shop").containsEntry("reactory.source", "amqp")
                .containsEntry("reactory.principal", "listener");
        assertThat(callers).extracting(AmqpCaller::principal).containsExactly("listener");
        assertThat(callers.get(0).queue()).isEqualTo("workflow.trigger");
        assertThat(callers.get(0).action()).isEqualTo("workflow.start");
        assertThat(callers.get(0).target()).isEqualTo("workflow/order");
    }

    @Test
    void the_same_idempotency_key_twice_starts_one_instance() {
        Outcome first = handle("{\"workflowId\":\"order\",\"idempotencyKey\":\"k\"}");
        Outcome second = handle("{\"workflowId\":\"order\",\"idempotencyKey\":\"k\"}");

        assertThat(((Outcome.Done) second).result()).isEqualTo(((Outcome.Done) first).result());
        assertThat(env.runner().getWorkflowStats().started()).isEqualTo(1);
    }

    @Test
    void one_key_or_message_id_for_two_workflows_starts_one_instance_of_each() {
        Outcome order = handle("{\"workflowId\":\"order\",\"idempotencyKey\":\"k\"}");
        Outcome invoice = handle("{\"workflowId\":\"invoice\",\"idempotencyKey\":\"k\"}");
        byte[] orderBody = "{\"workflowId\":\"order\"}".getBytes(StandardCharsets.UTF_8);
        byte[] invoiceBody = "{\"workflowId\":\"invoice\"}".getBytes(StandardCharsets.UTF_8);
        Outcome orderById = handler.handle(props("m-7"), orderBody);
        Outcome invoiceById = handler.handle(props("m-7"), invoiceBody);

        assertThat(env.runner().getInstance(((Outcome.Done) order).result()).workflowId()).isEqualTo("order");
        assertThat(env.runner().getInstance(((Outcome.Done) invoice).result()).workflowId()).isEqualTo("invoice");
        assertThat(env.runner().getInstance(((Outcome.Done) orderById).result()).workflowId()).isEqualTo("order");
        assertThat(env.runner().getInstance(((Outcome.Done) invoiceById).result()).workflowId()).isEqualTo("invoice");
        assertThat(env.runner().getWorkflowStats().started()).isEqualTo(4);
    }

    @Test
    void a_key_held_by_an_instance_of_another_workflow_is_dead_lettered_as_a_conflict() {
        // a start from code that stored exactly the key the adapter derives for "order" and "k-taken"
        env.runner().startWorkflow("invoice", null, null, io.reactory.workflow.api.StartOptions.DEFAULT
                .withIdempotencyKey(io.reactory.workflow.api.IdempotencyKeys.scoped("amqp", "listener", "order",
                        "k-taken")));

        assertDeadLetter(handle("{\"workflowId\":\"order\",\"idempotencyKey\":\"k-taken\"}"),
                DeadLetterReason.IDEMPOTENCY_CONFLICT, "another workflow");
        assertThat(env.runner().getWorkflowStats().started()).isEqualTo(1);
    }

    @Test
    void without_a_key_the_message_id_makes_a_redelivery_start_nothing_new() {
        byte[] body = "{\"workflowId\":\"order\"}".getBytes(StandardCharsets.UTF_8);
        Outcome first = handler.handle(props("m-1"), body);
        Outcome again = handler.handle(props("m-1"), body);
        Outcome other = handler.handle(props("m-2"), body);

        assertThat(((Outcome.Done) again).result()).isEqualTo(((Outcome.Done) first).result());
        assertThat(((Outcome.Done) other).result()).isNotEqualTo(((Outcome.Done) first).result());
        assertThat(env.runner().getInstance(((Outcome.Done) first).result()).metadata())
                .containsEntry("reactory.messageId", "m-1");
    }

    @Test
    void a_very_long_message_id_still_gives_a_valid_key() {
        String longId = "m".repeat(500);
        Outcome outcome = handler.handle(props(longId), "{\"workflowId\":\"order\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        assertThat(TriggerHandler.fromMessageId(longId)).startsWith("amqp:sha256:").hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void messages_that_can_never_start_anything_are_dead_lettered_with_their_reason() {
        assertDeadLetter(handle("{not json"), DeadLetterReason.MALFORMED_JSON, "not valid JSON");
        assertDeadLetter(handle("[1,2]"), DeadLetterReason.INVALID_MESSAGE, "JSON object");
        assertDeadLetter(handle("{\"version\":\"1\"}"), DeadLetterReason.INVALID_MESSAGE, "workflowId is required");
        assertDeadLetter(handle("{\"workflowId\":\"order\",\"workflowID\":\"x\"}"), DeadLetterReason.INVALID_MESSAGE,
                "unknown field 'workflowID'");
        assertDeadLetter(handle("{\"workflowId\":7}"), DeadLetterReason.UNKNOWN_WORKFLOW, "no workflow '7'");
        assertDeadLetter(handle("{\"workflowId\":\"order\",\"priority\":\"urgent\"}"), DeadLetterReason.INVALID_MESSAGE,
                "priority must be one of");
        assertDeadLetter(handle("{\"workflowId\":\"order\",\"data\":{\"amount\":\"lots\"}}"),
                DeadLetterReason.INVALID_DATA, "cannot be converted to Order");
        assertDeadLetter(handle("{\"workflowId\":\"nope\"}"), DeadLetterReason.UNKNOWN_WORKFLOW, "no workflow 'nope'");
        assertDeadLetter(handle("{\"workflowId\":\"order\",\"version\":\"9\"}"), DeadLetterReason.UNKNOWN_WORKFLOW,
                "version 9");
        assertDeadLetter(handle("{\"workflowId\":\"order\",\"metadata\":{\"n\":1}}"), DeadLetterReason.INVALID_MESSAGE,
                "metadata.n must be a string");
        assertDeadLetter(handle("{\"workflowId\":\"order\",\"idempotencyKey\":\"" + "k".repeat(201) + "\"}"),
                DeadLetterReason.INVALID_MESSAGE, "idempotencyKey");
        assertThat(env.runner().getWorkflowStats().started()).isZero();
    }

    @Test
    void data_that_does_not_fit_is_dead_lettered_naming_the_field_without_echoing_the_value() {
        Outcome outcome = handle("{\"workflowId\":\"order\",\"data\":{\"amount\":\"secret-4111\"}}");
        assertDeadLetter(outcome, DeadLetterReason.INVALID_DATA, "cannot be converted to Order at 'amount'");
        assertThat(((Outcome.DeadLetter) outcome).detail()).doesNotContain("secret-4111");
    }

    @Test
    void content_that_is_not_json_or_too_large_is_dead_lettered_unread() {
        AMQP.BasicProperties xml = new AMQP.BasicProperties.Builder().contentType("application/xml").build();
        assertDeadLetter(handler.handle(xml, "<a/>".getBytes(StandardCharsets.UTF_8)),
                DeadLetterReason.UNSUPPORTED_CONTENT_TYPE, "application/xml");
        AMQP.BasicProperties gzip = new AMQP.BasicProperties.Builder().contentEncoding("gzip").build();
        assertDeadLetter(handler.handle(gzip, "{}".getBytes(StandardCharsets.UTF_8)),
                DeadLetterReason.UNSUPPORTED_CONTENT_TYPE, "gzip");
        assertDeadLetter(handle("{\"workflowId\":\"order\",\"data\":\"" + "x".repeat(3000) + "\"}"),
                DeadLetterReason.MESSAGE_TOO_LARGE, "at most 2048");
        AMQP.BasicProperties vendorJson = new AMQP.BasicProperties.Builder()
                .contentType("application/vnd.shop+json; charset=utf-8").build();
        assertThat(handler.handle(vendorJson, "{\"workflowId\":\"order\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(Outcome.Done.class);
    }

    @Test
    void a_disabled_workflow_or_a_vetoed_start_is_dead_lettered() {
        env.runner().addStartInterceptor(request -> {
            Object data = request.data();
            if (data instanceof Map<?, ?> map && "disabled".equals(map.get("orderId"))) {
                throw new WorkflowDisabledException("order");
            }
            if (data instanceof Map<?, ?> map && "forbidden".equals(map.get("orderId"))) {
                throw new WorkflowException("listener may not start 'order'");
            }
            return request;
        });

        assertDeadLetter(handle("{\"workflowId\":\"order\",\"data\":{\"orderId\":\"disabled\"}}"),
                DeadLetterReason.WORKFLOW_DISABLED, "disabled");
        assertDeadLetter(handle("{\"workflowId\":\"order\",\"data\":{\"orderId\":\"forbidden\"}}"),
                DeadLetterReason.REFUSED, "may not start");
    }

    @Test
    void a_store_failure_is_retried_with_growing_waits_then_dead_lettered_after_the_last_attempt() {
        int[] calls = {0};
        env.runner().addStartInterceptor(request -> {
            calls[0]++;
            throw new WorkflowException("store operation 'create' failed", new SQLException("connection refused", "08001"));
        });
        byte[] body = "{\"workflowId\":\"order\",\"idempotencyKey\":\"k-retry\"}".getBytes(StandardCharsets.UTF_8);

        Outcome first = handler.handle(props(null), body);
        Outcome second = handler.handle(props(null), body);
        Outcome third = handler.handle(props(null), body);

        assertThat(first).isEqualTo(new Outcome.Retry(Duration.ofMillis(100),
                "WorkflowException: store operation 'create' failed", 1));
        assertThat(((Outcome.Retry) second).backoff()).isEqualTo(Duration.ofMillis(200));
        assertThat(third).isInstanceOf(Outcome.DeadLetter.class);
        assertThat(((Outcome.DeadLetter) third).reason()).isEqualTo(DeadLetterReason.RETRIES_EXHAUSTED);
        assertThat(((Outcome.DeadLetter) third).attempts()).isEqualTo(3);
        assertThat(calls[0]).isEqualTo(3);
    }

    @Test
    void a_success_after_transient_failures_resets_the_count() {
        boolean[] failing = {true};
        env.runner().addStartInterceptor(request -> {
            if (failing[0]) {
                throw new IllegalStateException("the runner is closed");
            }
            return request;
        });
        byte[] body = "{\"workflowId\":\"order\",\"idempotencyKey\":\"k-reset\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(handler.handle(props(null), body)).isInstanceOf(Outcome.Retry.class);
        assertThat(handler.handle(props(null), body)).isInstanceOf(Outcome.Retry.class);
        failing[0] = false;
        assertThat(handler.handle(props(null), body)).isInstanceOf(Outcome.Done.class);
        failing[0] = true;

        assertThat(((Outcome.Retry) handler.handle(props(null), body)).attempt()).isEqualTo(1);
    }
}
