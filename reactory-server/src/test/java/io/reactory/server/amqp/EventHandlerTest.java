package io.reactory.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.rabbitmq.client.AMQP;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Event messages reach waiting workflows; malformed ones are dead-lettered. */
class EventHandlerTest {
    /** Data of the waiting workflow. */
    public static class Payment {
        public String orderId;
        public String paidBy;
    }

    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();
    private final AmqpOptions options = AmqpOptions.builder(URI.create("amqp://127.0.0.1/%2F")).build();
    private final EventHandler handler = new EventHandler(env.runner(), CallerBinding.NONE, options,
            new Attempts(3, Duration.ofMillis(10), Duration.ofMillis(10)));

    @AfterEach
    void close() {
        env.close();
    }

    private Outcome handle(String json) {
        return handler.handle(new AMQP.BasicProperties(), json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void an_event_message_satisfies_the_wait_of_a_running_instance() {
        env.runner().registerWorkflow(WorkflowDefinition.define("pay", "1", Payment.class, b -> b
                .waitFor("payment-received", p -> p.orderId)
                    .output((p, event) -> p.paidBy = String.valueOf(event.as(Map.class).get("by")))
                .then("done", ctx -> ExecutionResult.next())));
        Payment data = new Payment();
        data.orderId = "A-17";
        String id = env.runner().startWorkflow("pay", null, data);
        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.RUNNING);

        Outcome outcome = handle("{\"eventName\":\"payment-received\",\"eventKey\":\"A-17\",\"data\":{\"by\":\"card\"}}");
        env.runUntilIdle();

        assertThat(outcome).isInstanceOf(Outcome.Done.class);
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void a_numeric_key_is_taken_as_its_text_and_missing_fields_are_dead_lettered() {
        assertThat(handle("{\"eventName\":\"e\",\"eventKey\":42}")).isInstanceOf(Outcome.Done.class);
        assertThat(handle("{\"eventKey\":\"k\"}")).isInstanceOfSatisfying(Outcome.DeadLetter.class,
                d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.INVALID_MESSAGE));
        assertThat(handle("{\"eventName\":\"e\"}")).isInstanceOfSatisfying(Outcome.DeadLetter.class,
                d -> assertThat(d.detail()).isEqualTo("eventKey is required"));
        assertThat(handle("{\"eventName\":\"e\",\"eventKey\":\"k\",\"extra\":1}")).isInstanceOfSatisfying(
                Outcome.DeadLetter.class, d -> assertThat(d.detail()).contains("unknown field 'extra'"));
        assertThat(handle("nope")).isInstanceOfSatisfying(Outcome.DeadLetter.class,
                d -> assertThat(d.reason()).isEqualTo(DeadLetterReason.MALFORMED_JSON));
    }
}
