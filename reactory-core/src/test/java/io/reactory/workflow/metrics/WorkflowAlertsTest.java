package io.reactory.workflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.resilience.CircuitBreakerOptions;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The alerts of monitoring.alerts: when each is raised, what it carries, the cooldown, the counter. */
class WorkflowAlertsTest {
    private final MetricsFixture f = new MetricsFixture(MetricsOptions.DEFAULT.withJvmMetrics(false)
            .withAlerts(AlertOptions.DEFAULT.withWindow(10, 4).withErrorRateThreshold(0.5).withRetryRateThreshold(0.5)
                    .withCooldown(Duration.ofMinutes(5))));

    @AfterEach
    void close() {
        f.close();
    }

    private List<AlertType> raised() {
        return f.alerts.stream().map(WorkflowAlert::type).toList();
    }

    @Test
    void a_failed_instance_raises_workflow_failed_once_per_cooldown_and_reports_the_suppressed_ones() {
        f.env.runner().registerWorkflow(WorkflowDefinition.define("broken", "1", MetricsFixture.Data.class, b -> b
                .startWith("boom", ctx -> ExecutionResult.failNonRetryable("no"))));
        f.monitoring("broken", null, List.of(), List.of("workflow_failed"), null);
        String first = f.env.runner().startWorkflow("broken", null);
        f.env.runUntilIdle();
        f.env.runner().startWorkflow("broken", null);
        f.env.runner().startWorkflow("broken", null);
        f.env.runUntilIdle();

        assertThat(raised()).containsExactly(AlertType.WORKFLOW_FAILED);
        WorkflowAlert alert = f.alerts.get(0);
        assertThat(alert.workflowId()).isEqualTo("broken");
        assertThat(alert.details()).containsEntry("instanceId", first).containsEntry("reason", "STEP_FAILED");
        assertThat(alert.severity()).isEqualTo(WorkflowAlert.Severity.WARNING);
        assertThat(f.count("reactory.alerts", "workflow", "broken", "alert", "workflow_failed", "severity", "WARNING"))
                .isEqualTo(1);

        f.env.advance(Duration.ofMinutes(5));
        f.env.runner().startWorkflow("broken", null);
        f.env.runUntilIdle();
        assertThat(raised()).containsExactly(AlertType.WORKFLOW_FAILED, AlertType.WORKFLOW_FAILED);
        assertThat(f.alerts.get(1).details()).containsEntry("suppressed", "2");
    }

    @Test
    void workflows_without_the_alert_in_their_configuration_raise_nothing() {
        f.env.runner().registerWorkflow(WorkflowDefinition.define("broken", "1", MetricsFixture.Data.class, b -> b
                .startWith("boom", ctx -> ExecutionResult.failNonRetryable("no"))));
        f.env.runner().startWorkflow("broken", null);
        f.env.runUntilIdle();
        f.monitoring("broken", null, List.of(), List.of("workflow_failed"), false);   // monitoring disabled
        f.env.runner().startWorkflow("broken", null);
        f.env.runUntilIdle();
        assertThat(f.alerts).isEmpty();
    }

    @Test
    void a_workflow_timeout_raises_execution_timeout_and_a_late_completion_raises_sla_breach() {
        f.env.runner().registerWorkflow(WorkflowDefinition.define("slow", "1", MetricsFixture.Data.class, b -> b
                .workflowTimeout(Duration.ofMinutes(10))
                .startWith("a", ctx -> ExecutionResult.next())
                .delay(data -> data.counter == 0 ? Duration.ofMinutes(30) : Duration.ofMinutes(2))
                .then("b", ctx -> ExecutionResult.next())));
        f.monitoring("slow", 60_000L, List.of(), List.of("execution_timeout", "sla_breach"), null);
        MetricsFixture.Data quickish = new MetricsFixture.Data();
        quickish.counter = 1;
        String late = f.env.runner().startWorkflow("slow", null, quickish);
        String timedOut = f.env.runner().startWorkflow("slow", null);
        f.env.runToCompletion(late);
        f.env.runToCompletion(timedOut);

        assertThat(raised()).containsExactlyInAnyOrder(AlertType.SLA_BREACH, AlertType.SLA_BREACH,
                AlertType.EXECUTION_TIMEOUT);
        List<WorkflowAlert> sla = f.alerts.stream().filter(a -> a.type() == AlertType.SLA_BREACH).toList();
        assertThat(sla.get(0).details()).containsEntry("instanceId", late).containsEntry("took", "PT2M")
                .containsEntry("sla", "PT1M").containsEntry("result", "late");
        // the instance that timed out did not meet its SLA either (8 minutes later: past the cooldown)
        assertThat(sla.get(1).details()).containsEntry("instanceId", timedOut).containsEntry("result", "failed");
        WorkflowAlert timeout = f.alerts.stream().filter(a -> a.type() == AlertType.EXECUTION_TIMEOUT).findFirst().orElseThrow();
        assertThat(timeout.details()).containsEntry("instanceId", timedOut).containsEntry("reason", "TIMEOUT");
    }

    @Test
    void failing_attempts_raise_high_error_rate_and_retries_raise_high_retry_rate_when_the_rate_crosses() {
        f.env.runner().registerWorkflow(WorkflowDefinition.define("shaky", "1", MetricsFixture.Data.class, b -> b
                .startWith("call", ctx -> {
                    throw new IllegalStateException("down");
                }).retry(RetryOptions.builder().initialInterval(Duration.ofSeconds(1)).maximumAttempts(3).build())));
        f.monitoring("shaky", null, List.of(), List.of("high_error_rate", "high_retry_rate"), null);
        f.env.runner().startWorkflow("shaky", null);
        f.env.runner().startWorkflow("shaky", null);
        f.env.runUntilIdle();
        assertThat(f.alerts).as("2 attempts are below the minimum of 4").isEmpty();
        f.env.advance(Duration.ofSeconds(1));

        assertThat(raised()).containsExactlyInAnyOrder(AlertType.HIGH_ERROR_RATE, AlertType.HIGH_RETRY_RATE);
        WorkflowAlert errors = f.alerts.stream().filter(a -> a.type() == AlertType.HIGH_ERROR_RATE).findFirst().orElseThrow();
        assertThat(errors.details()).containsEntry("attempts", "4").containsEntry("rate", "1.000")
                .containsEntry("threshold", "0.500");
        assertThat(errors.severity()).isEqualTo(WorkflowAlert.Severity.CRITICAL);
        assertThat(errors.message()).contains("100% of the latest 4 step attempts failed");
        // still above the threshold: not raised again (edge-triggered)
        f.env.advance(Duration.ofSeconds(2));
        assertThat(f.alerts).hasSize(2);
    }

    @Test
    void an_opening_breaker_raises_circuit_open_for_each_workflow_whose_steps_call_it() {
        f.env.runner().errorHandler().configureCircuitBreaker("payments", CircuitBreakerOptions.builder()
                .failureRateThreshold(0).consecutiveFailures(1).build());
        f.env.runner().registerWorkflow(WorkflowDefinition.define("pay", "1", MetricsFixture.Data.class, b -> b
                .startWith("charge", ctx -> {
                    throw new IllegalStateException("down");
                }).circuitBreaker("payments")));
        f.env.runner().registerWorkflow(WorkflowDefinition.define("refund", "1", MetricsFixture.Data.class, b -> b
                .startWith("refund", ctx -> ExecutionResult.next()).circuitBreaker("payments")));
        f.monitoring("pay", null, List.of(), List.of("circuit_open"), null);
        f.monitoring("refund", null, List.of(), List.of("circuit_open"), null);
        f.env.runner().startWorkflow("pay", null);
        f.env.runUntilIdle();

        assertThat(f.alerts).extracting(WorkflowAlert::workflowId).containsExactlyInAnyOrder("pay", "refund");
        assertThat(f.alerts).allSatisfy(a -> {
            assertThat(a.type()).isEqualTo(AlertType.CIRCUIT_OPEN);
            assertThat(a.details()).containsEntry("dependency", "payments");
        });
    }

    @Test
    void a_step_timeout_raises_execution_timeout() {
        // the step hangs until the test is done with it: a timed-out body keeps its thread, so release it at the end
        java.util.concurrent.CountDownLatch hang = new java.util.concurrent.CountDownLatch(1);
        f.env.runner().registerWorkflow(WorkflowDefinition.define("hangs", "1", MetricsFixture.Data.class, b -> b
                .startWith("sleepy", ctx -> {
                    hang.await();
                    return ExecutionResult.next();
                }).timeout(Duration.ofMillis(20)).retry(RetryOptions.builder().maximumAttempts(1).build())));
        f.monitoring("hangs", null, List.of(), List.of("execution_timeout"), null);
        try {
            f.env.runner().startWorkflow("hangs", null);
            f.env.runUntilIdle();
            assertThat(raised()).containsExactly(AlertType.EXECUTION_TIMEOUT);
            assertThat(f.alerts.get(0).details()).containsEntry("step", "sleepy");
        } finally {
            hang.countDown();
        }
    }

    @Test
    void the_alert_names_are_the_ones_the_configuration_accepts() {
        assertThat(AlertType.configNames()).containsExactlyInAnyOrderElementsOf(
                io.reactory.workflow.config.internal.WorkflowConfigBinder.ALERTS);
        // the binder's metric names, each given a meaning by MonitoringSettings
        assertThat(io.reactory.workflow.config.internal.WorkflowConfigBinder.METRICS).containsExactlyInAnyOrder(
                "execution_time", "error_rate", "throughput", "retry_rate", "step_duration", "queue_depth",
                "sla_compliance", "completions");
    }
}
