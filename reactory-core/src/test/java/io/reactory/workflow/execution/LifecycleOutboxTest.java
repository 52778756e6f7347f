package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.notification.Alert;
import io.reactory.workflow.notification.AlertPublisher;
import io.reactory.workflow.persistence.EventStore;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.OutboxEntry;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every committed status change leaves one outbox message, written with the change, in the order of the changes. */
class LifecycleOutboxTest {
    private final ManualClock clock = ManualClock.startingAt2026();
    private final InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    private LocalWorkflowRunner runner = runner(true);

    private LocalWorkflowRunner runner(boolean outbox) {
        LocalWorkflowRunner r = new LocalWorkflowRunner(store, clock,
                RunnerOptions.defaults().withNodeId("test-node").withLeaseDuration(Duration.ofDays(365))
                        .withLifecycleOutbox(outbox),
                null, Runnable::run, List.of());
        r.registerWorkflow(WorkflowDefinition.define("greet", "1", TestData.class, b -> b
                .startWith("hello", ctx -> ExecutionResult.next())
                .delay(Duration.ofMinutes(5))
                .then("bye", ctx -> ExecutionResult.next())));
        r.registerWorkflow(WorkflowDefinition.define("broken", "1", TestData.class, b -> b
                .startWith("explode", ctx -> ExecutionResult.failNonRetryable("no"))
                .onError(ErrorBehavior.TERMINATE)));
        return r;
    }

    @AfterEach
    void close() {
        runner.close();
    }

    private List<OutboxMessage> drain() {
        List<OutboxEntry> entries = store.outbox().claim("relay", 10_000, Duration.ofSeconds(30), clock.instant());
        store.outbox().markPublished(entries.stream().map(OutboxEntry::sequence).toList());
        return entries.stream().map(OutboxEntry::message).toList();
    }

    private static JsonNode body(OutboxMessage message) throws Exception {
        return Json.mapper().readTree(message.body());
    }

    @Test
    void a_run_to_completion_leaves_created_started_and_completed_in_order() throws Exception {
        String id = runner.startWorkflow("greet", null, new TestData(), StartOptions.DEFAULT.withReference("R-1"));
        runner.runUntilIdle();
        clock.advance(Duration.ofMinutes(5));
        runner.runUntilIdle();

        List<OutboxMessage> messages = drain();

        assertThat(messages).extracting(OutboxMessage::topic)
                .containsExactly("workflow.created.greet", "workflow.started.greet", "workflow.completed.greet");
        assertThat(messages).extracting(OutboxMessage::key).containsOnly(id);
        assertThat(messages).extracting(OutboxMessage::type)
                .containsExactly("workflow.created", "workflow.started", "workflow.completed");
        assertThat(messages).extracting(OutboxMessage::id).doesNotHaveDuplicates();
        JsonNode completed = body(messages.get(2));
        assertThat(completed.get("event").asText()).isEqualTo("completed");
        assertThat(completed.get("instanceId").asText()).isEqualTo(id);
        assertThat(completed.get("workflowId").asText()).isEqualTo("greet");
        assertThat(completed.get("version").asText()).isEqualTo("1");
        assertThat(completed.get("reference").asText()).isEqualTo("R-1");
        assertThat(completed.get("from").asText()).isEqualTo("RUNNING");
        assertThat(completed.get("to").asText()).isEqualTo("COMPLETED");
        assertThat(completed.get("at").asText()).isEqualTo(clock.instant().toString());
        assertThat(body(messages.get(0)).has("from")).isFalse();
    }

    @Test
    void pause_resume_and_cancel_leave_their_events_after_those_of_the_run() throws Exception {
        String id = runner.startWorkflow("greet", null, new TestData());
        runner.runUntilIdle();
        runner.pauseWorkflow(id);
        runner.runUntilIdle();
        runner.resumeWorkflow(id);
        runner.runUntilIdle();
        runner.cancelWorkflow(id);
        runner.runUntilIdle();

        assertThat(drain()).extracting(m -> m.type().substring("workflow.".length()))
                .containsExactly("created", "started", "paused", "resumed", "cancelled");
    }

    @Test
    void a_failure_names_its_reason() throws Exception {
        runner.startWorkflow("broken", null, new TestData());
        runner.runUntilIdle();

        List<OutboxMessage> messages = drain();

        assertThat(messages).extracting(OutboxMessage::topic)
                .containsExactly("workflow.created.broken", "workflow.started.broken", "workflow.failed.broken");
        assertThat(body(messages.get(2)).get("failureReason").asText()).isNotBlank();
    }

    @Test
    void a_start_repeated_with_the_same_idempotency_key_announces_one_instance() {
        String first = runner.startWorkflow("greet", null, new TestData(), StartOptions.DEFAULT.withIdempotencyKey("k"));
        String second = runner.startWorkflow("greet", null, new TestData(), StartOptions.DEFAULT.withIdempotencyKey("k"));

        assertThat(second).isEqualTo(first);
        assertThat(drain()).extracting(OutboxMessage::topic).containsExactly("workflow.created.greet");
    }

    @Test
    void nothing_is_written_unless_the_runner_is_told_to() {
        runner.close();
        runner = runner(false);
        runner.startWorkflow("greet", null, new TestData());
        runner.runUntilIdle();

        assertThat(store.outbox().pending()).isZero();
    }

    @Test
    void a_store_without_an_outbox_is_refused_when_the_runner_should_write_one() {
        WorkflowStore noOutbox = new WorkflowStore() {
            public InstanceStore instances() {
                return store.instances();
            }

            public EventStore events() {
                return store.events();
            }

            public String kind() {
                return "outbox-less";
            }
        };

        assertThatThrownBy(() -> new LocalWorkflowRunner(noOutbox, clock,
                        RunnerOptions.defaults().withLifecycleOutbox(true), null, Runnable::run, List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("lifecycleOutbox is on but the outbox-less store has no transactional outbox");
    }

    @Test
    void alerts_are_stored_for_the_relay_and_wake_it() throws Exception {
        AtomicInteger wakes = new AtomicInteger();
        AlertPublisher alerts = AlertPublisher.outbox(store.outbox(), wakes::incrementAndGet);

        alerts.publish(Alert.of("circuit-breaker", "open", "payment-service", Alert.Severity.WARNING,
                "circuit breaker opened", Map.of("from", "CLOSED", "to", "OPEN"), clock.instant()));

        List<OutboxMessage> messages = drain();
        assertThat(wakes).hasValue(1);
        assertThat(messages).extracting(OutboxMessage::topic).containsExactly("alert.circuit-breaker.open.payment-service");
        assertThat(messages.get(0).key()).isNull();
        JsonNode alert = body(messages.get(0));
        assertThat(alert.get("type").asText()).isEqualTo("alert.circuit-breaker.open");
        assertThat(alert.get("severity").asText()).isEqualTo("WARNING");
        assertThat(alert.get("details").get("to").asText()).isEqualTo("OPEN");
    }

    @Test
    void a_workflow_id_too_long_for_a_routing_key_is_cut_in_the_topic_only() throws Exception {
        String longId = "w".repeat(300);
        runner.registerWorkflow(WorkflowDefinition.define(longId, "1", TestData.class, b -> b
                .startWith("only", ctx -> ExecutionResult.next())));
        runner.startWorkflow(longId, null, new TestData());

        OutboxMessage created = drain().get(0);

        assertThat(created.topic()).hasSize(OutboxMessage.MAX_TOPIC_BYTES).startsWith("workflow.created.www");
        assertThat(body(created).get("workflowId").asText()).isEqualTo(longId);
    }
}
