package io.reactory.workflow.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.resilience.CircuitBreakerState;
import io.reactory.workflow.resilience.CircuitBreakerTransition;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SystemEventsTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    @Test
    void transitions_are_named_as_consumers_bind_to_them() {
        assertThat(LifecycleEvent.eventName(null, WorkflowStatus.PENDING)).isEqualTo("created");
        assertThat(LifecycleEvent.eventName(WorkflowStatus.PENDING, WorkflowStatus.RUNNING)).isEqualTo("started");
        assertThat(LifecycleEvent.eventName(WorkflowStatus.PAUSED, WorkflowStatus.RUNNING)).isEqualTo("resumed");
        assertThat(LifecycleEvent.eventName(WorkflowStatus.FAILED, WorkflowStatus.RUNNING)).isEqualTo("retried");
        assertThat(LifecycleEvent.eventName(WorkflowStatus.RUNNING, WorkflowStatus.PAUSED)).isEqualTo("paused");
        assertThat(LifecycleEvent.eventName(WorkflowStatus.RUNNING, WorkflowStatus.COMPLETED)).isEqualTo("completed");
        assertThat(LifecycleEvent.eventName(WorkflowStatus.RUNNING, WorkflowStatus.FAILED)).isEqualTo("failed");
        assertThat(LifecycleEvent.eventName(WorkflowStatus.PAUSED, WorkflowStatus.CANCELLED)).isEqualTo("cancelled");
        assertThat(LifecycleEvent.eventName(WorkflowStatus.COMPLETED, WorkflowStatus.CLEANING_UP)).isEqualTo("cleaning_up");
    }

    @Test
    void circuit_breaker_transitions_become_alerts_routed_by_state_and_dependency() {
        Alert open = Alert.circuitBreaker(new CircuitBreakerTransition("payments", CircuitBreakerState.CLOSED,
                CircuitBreakerState.OPEN, AT));
        Alert halfOpen = Alert.circuitBreaker(new CircuitBreakerTransition("payments", CircuitBreakerState.OPEN,
                CircuitBreakerState.HALF_OPEN, AT));

        assertThat(SystemEvents.alert(open).topic()).isEqualTo("alert.circuit-breaker.open.payments");
        assertThat(open.severity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(open.details()).containsEntry("from", "CLOSED").containsEntry("to", "OPEN");
        assertThat(SystemEvents.alert(halfOpen).topic()).isEqualTo("alert.circuit-breaker.half-open.payments");
        assertThat(halfOpen.severity()).isEqualTo(Alert.Severity.INFO);
    }

    @Test
    void alert_sources_and_names_are_single_routing_key_words() {
        assertThatThrownBy(() -> Alert.of("Circuit.Breaker", "open", "x", Alert.Severity.INFO, null, Map.of(), AT))
                .hasMessageContaining("source must be 1 to 63 lower-case letters");
        assertThatThrownBy(() -> Alert.of("scheduler", "", "x", Alert.Severity.INFO, null, Map.of(), AT))
                .hasMessageContaining("name must be");
    }

    @Test
    void a_topic_is_cut_at_a_character_boundary_to_255_bytes() {
        String topic = SystemEvents.topic("workflow.created.", "ü".repeat(200));
        assertThat(topic.getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(OutboxMessage.MAX_TOPIC_BYTES).isGreaterThan(OutboxMessage.MAX_TOPIC_BYTES - 2);
        assertThat(topic).endsWith("ü");
    }
}
