package io.reactory.workflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Timer;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepFailedException;
import io.reactory.workflow.api.WorkflowStats;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.resilience.CircuitBreakerOptions;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The runner's events become the catalogue's meters, with values that agree with getWorkflowStats. */
class WorkflowMetricsTest {
    private final MetricsFixture f = new MetricsFixture();

    @AfterEach
    void close() {
        f.close();
    }

    private void registerWorkflows() {
        f.env.runner().registerWorkflow(WorkflowDefinition.define("ok", "1", MetricsFixture.Data.class, b -> b
                .startWith("a", ctx -> ExecutionResult.next())
                .delay(Duration.ofSeconds(2))
                .then("b", ctx -> ExecutionResult.next())));
        f.env.runner().registerWorkflow(WorkflowDefinition.define("ok", "2", MetricsFixture.Data.class, b -> b
                .startWith("a", ctx -> ExecutionResult.next())));
        // fails twice, then succeeds: two retries
        f.env.runner().registerWorkflow(WorkflowDefinition.define("flaky", "1", MetricsFixture.Data.class, b -> b
                .startWith("call", ctx -> {
                    if (ctx.data().counter++ < 2) {
                        throw new IllegalStateException("not yet");
                    }
                    return ExecutionResult.next();
                }).retry(RetryOptions.builder().initialInterval(Duration.ofSeconds(1)).maximumAttempts(5).build())));
        f.env.runner().registerWorkflow(WorkflowDefinition.define("broken", "1", MetricsFixture.Data.class, b -> b
                .startWith("boom", ctx -> {
                    throw StepFailedException.nonRetryable("bad input");
                })));
        f.env.runner().registerWorkflow(WorkflowDefinition.define("waits", "1", MetricsFixture.Data.class, b -> b
                .startWith("wait", ctx -> ExecutionResult.waitForEvent("never", "k"))));
    }

    @Test
    void counts_starts_completions_failures_and_cancellations_per_workflow_in_agreement_with_getWorkflowStats() {
        registerWorkflows();
        String ok1 = f.env.runner().startWorkflow("ok", "1", null);
        f.env.runner().startWorkflow("ok", "2", null);
        String flaky = f.env.runner().startWorkflow("flaky", null);
        f.env.runner().startWorkflow("broken", null);
        String waits = f.env.runner().startWorkflow("waits", null);
        f.env.runToCompletion(ok1);
        f.env.runToCompletion(flaky);
        f.env.runner().cancelWorkflow(waits);
        f.env.runUntilIdle();

        assertThat(f.count("reactory.workflow.started", "workflow", "ok")).isEqualTo(2);
        assertThat(f.count("reactory.workflow.completed", "workflow", "ok")).isEqualTo(2);
        assertThat(f.count("reactory.workflow.completed", "workflow", "flaky")).isEqualTo(1);
        assertThat(f.count("reactory.workflow.failed", "workflow", "broken", "reason", "STEP_FAILED")).isEqualTo(1);
        assertThat(f.count("reactory.workflow.cancelled", "workflow", "waits")).isEqualTo(1);
        assertThat(f.count("reactory.step.retries", "workflow", "flaky", "step", "call")).isEqualTo(2);
        assertThat(f.timerCount("reactory.step.duration", "workflow", "flaky", "step", "call", "outcome", "failure")).isEqualTo(2);
        assertThat(f.timerCount("reactory.step.duration", "workflow", "flaky", "step", "call", "outcome", "success")).isEqualTo(1);
        assertThat(f.count("reactory.errors", "workflow", "flaky", "error_type", "java.lang.IllegalStateException",
                "retryable", "true", "action", "retry")).isEqualTo(2);
        assertThat(f.count("reactory.errors", "workflow", "broken", "error_type",
                "io.reactory.workflow.api.StepFailedException", "retryable", "false", "action", "fail")).isEqualTo(1);

        WorkflowStats stats = f.env.runner().getWorkflowStats();
        assertThat(f.sum("reactory.workflow.started")).isEqualTo(stats.started()).isEqualTo(5);
        assertThat(f.sum("reactory.workflow.completed")).isEqualTo(stats.completed());
        assertThat(f.sum("reactory.workflow.failed")).isEqualTo(stats.failed());
        assertThat(f.sum("reactory.workflow.cancelled")).isEqualTo(stats.cancelled());
        assertThat(f.timerCount("reactory.step.duration")).isEqualTo(stats.stepsExecuted());
        for (WorkflowStatus status : WorkflowStatus.values()) {
            assertThat(f.gauge("reactory.instances", "status", status.name()))
                    .isEqualTo(stats.instancesByStatus().getOrDefault(status, 0L).doubleValue());
        }
        assertThat(f.gauge("reactory.engine.in.flight")).isEqualTo(stats.inFlight());
        assertThat(f.gauge("reactory.definitions")).isEqualTo(stats.definitions()).isEqualTo(5);
    }

    @Test
    void measures_execution_time_per_workflow_and_version_on_the_engine_clock_into_a_histogram() {
        registerWorkflows();
        String id = f.env.runner().startWorkflow("ok", "1", null);
        f.env.runUntilIdle();
        f.env.advance(Duration.ofSeconds(2));
        assertThat(f.env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
        f.env.runner().startWorkflow("ok", "2", null);
        f.env.runUntilIdle();

        Timer v1 = f.timer("reactory.workflow.execution", "workflow", "ok", "version", "1", "status", "completed");
        Timer v2 = f.timer("reactory.workflow.execution", "workflow", "ok", "version", "2", "status", "completed");
        assertThat(v1.count()).isEqualTo(1);
        assertThat(v1.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(2000);
        assertThat(v2.count()).isEqualTo(1);
        assertThat(v2.totalTime(TimeUnit.MILLISECONDS)).isZero();
        // the histogram has the catalogue's buckets: 2 s falls in the 2.5 s bucket, not in the 1 s one
        var buckets = v1.takeSnapshot().histogramCounts();
        assertThat(buckets).hasSize(ReactoryMetrics.WORKFLOW_EXECUTION.buckets().size());
        assertThat(java.util.Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.SECONDS) == 1.0).findFirst()
                .orElseThrow().count()).isZero();
        assertThat(java.util.Arrays.stream(buckets).filter(b -> b.bucket(TimeUnit.SECONDS) == 2.5).findFirst()
                .orElseThrow().count()).isEqualTo(1);
    }

    @Test
    void counts_instances_against_the_sla_of_their_workflow_configuration() {
        registerWorkflows();
        f.monitoring("ok", 1000L, List.of(), List.of(), null);
        f.monitoring("broken", 1000L, List.of(), List.of(), null);
        String late = f.env.runner().startWorkflow("ok", "1", null);    // takes 2 s
        f.env.runner().startWorkflow("ok", "2", null);                  // takes 0 s
        f.env.runner().startWorkflow("broken", null);
        f.env.runToCompletion(late);

        assertThat(f.count("reactory.workflow.sla", "workflow", "ok", "result", "late")).isEqualTo(1);
        assertThat(f.count("reactory.workflow.sla", "workflow", "ok", "result", "met")).isEqualTo(1);
        assertThat(f.count("reactory.workflow.sla", "workflow", "broken", "result", "failed")).isEqualTo(1);
        // without an SLA nothing is counted
        String flaky = f.env.runner().startWorkflow("flaky", null);
        f.env.runToCompletion(flaky);
        assertThat(f.registry.find("reactory.workflow.sla").tag("workflow", "flaky").counters()).isEmpty();
    }

    @Test
    void the_monitoring_section_picks_the_optional_series_and_enabled_false_keeps_only_the_counters() {
        registerWorkflows();
        f.monitoring("ok", null, List.of("execution_time"), List.of(), null);
        f.monitoring("flaky", null, null, null, false);
        String ok = f.env.runner().startWorkflow("ok", "2", null);
        String flaky = f.env.runner().startWorkflow("flaky", null);
        f.env.runToCompletion(ok);
        f.env.runToCompletion(flaky);

        assertThat(f.timer("reactory.workflow.execution", "workflow", "ok", "version", "2", "status", "completed").count())
                .isEqualTo(1);
        assertThat(f.timerCount("reactory.step.duration", "workflow", "ok")).isZero();
        assertThat(f.count("reactory.workflow.completed", "workflow", "flaky")).isEqualTo(1);
        assertThat(f.timerCount("reactory.workflow.execution", "workflow", "flaky")).isZero();
        assertThat(f.count("reactory.step.retries", "workflow", "flaky", "step", "call")).isZero();
        assertThat(f.sum("reactory.errors", "workflow", "flaky")).isZero();

        // a configuration change applies to the next events
        f.configs.remove("flaky");
        f.metrics.configurationChanged();
        f.env.runToCompletion(f.env.runner().startWorkflow("flaky", null));
        assertThat(f.count("reactory.step.retries", "workflow", "flaky", "step", "call")).isEqualTo(2);
    }

    @Test
    void publishes_circuit_breaker_states_transitions_and_refusals() {
        f.env.runner().errorHandler().configureCircuitBreaker("payments", CircuitBreakerOptions.builder()
                .failureRateThreshold(0).consecutiveFailures(2).openDuration(Duration.ofMinutes(1)).build());
        f.env.runner().registerWorkflow(WorkflowDefinition.define("pay", "1", MetricsFixture.Data.class, b -> b
                .startWith("charge", ctx -> {
                    throw new IllegalStateException("payments down");
                }).circuitBreaker("payments")
                .retry(RetryOptions.builder().initialInterval(Duration.ofSeconds(1)).maximumAttempts(10).build())));
        f.metrics.refresh();
        assertThat(f.gauge("reactory.circuit.breaker.state", "dependency", "payments", "state", "CLOSED")).isEqualTo(1);

        f.env.runner().startWorkflow("pay", null);
        f.env.runUntilIdle();
        f.env.advance(Duration.ofSeconds(1));   // second failure opens it
        f.env.advance(Duration.ofSeconds(2));   // held while open

        assertThat(f.gauge("reactory.circuit.breaker.state", "dependency", "payments", "state", "OPEN")).isEqualTo(1);
        assertThat(f.gauge("reactory.circuit.breaker.state", "dependency", "payments", "state", "CLOSED")).isZero();
        assertThat(f.count("reactory.circuit.breaker.transitions", "dependency", "payments", "from", "CLOSED", "to", "OPEN"))
                .isEqualTo(1);
        assertThat(f.registry.find("reactory.circuit.breaker.refused").tag("dependency", "payments").functionCounter()
                .count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void times_store_operations_and_shows_no_pool_for_the_in_memory_store() {
        registerWorkflows();
        f.env.runToCompletion(f.env.runner().startWorkflow("ok", "2", null));
        assertThat(f.timerCount("reactory.store.operations", "store", "memory", "operation", "create")).isEqualTo(1);
        assertThat(f.timerCount("reactory.store.operations", "store", "memory", "operation", "claim")).isPositive();
        assertThat(f.timerCount("reactory.store.operations", "store", "memory", "operation", "commit")).isPositive();
        assertThat(f.gauge("reactory.store.pool.max", "store", "memory")).isNaN();
        assertThat(f.gauge("reactory.store.pool.connections", "store", "memory", "state", "active")).isNaN();
    }

    @Test
    void queue_depth_counts_pending_and_runnable_instances() {
        registerWorkflows();
        f.env.runner().startWorkflow("ok", "2", null);
        f.env.runner().startWorkflow("ok", "2", null);
        f.env.runner().startWorkflow("ok", "2", null, io.reactory.workflow.api.StartOptions.DEFAULT
                .withStartAt(f.env.clock().instant().plus(Duration.ofHours(1))));
        assertThat(f.gauge("reactory.queue.pending")).isEqualTo(3);
        assertThat(f.gauge("reactory.queue.runnable")).isEqualTo(2);
    }

    @Test
    void scheduler_and_lifecycle_observers_feed_their_meters() {
        SchedulerObserver scheduler = f.metrics.scheduler();
        scheduler.fired("nightly", 1, Duration.ofSeconds(3));
        scheduler.fired("nightly", 2, Duration.ZERO);
        scheduler.skipped("nightly", "misfire", 4);
        scheduler.runFinished("nightly", "completed");
        assertThat(f.count("reactory.scheduler.fired", "schedule", "nightly")).isEqualTo(1);
        assertThat(f.count("reactory.scheduler.retried", "schedule", "nightly")).isEqualTo(1);
        assertThat(f.count("reactory.scheduler.skipped", "schedule", "nightly", "reason", "misfire")).isEqualTo(4);
        assertThat(f.count("reactory.scheduler.runs", "schedule", "nightly", "outcome", "completed")).isEqualTo(1);
        assertThat(f.timer("reactory.scheduler.lateness", "schedule", "nightly").max(TimeUnit.SECONDS))
                .isCloseTo(3.0, within(0.001));

        LifecycleObserver lifecycle = f.metrics.lifecycle();
        lifecycle.dependencyWaitStarted("report");
        lifecycle.dependencyWaitStarted("report");
        lifecycle.dependencyWaitEnded("report", Duration.ofMinutes(5), "satisfied");
        lifecycle.queued("report", 7);
        assertThat(f.gauge("reactory.dependency.waiting", "workflow", "report")).isEqualTo(1);
        assertThat(f.timer("reactory.dependency.wait", "workflow", "report", "outcome", "satisfied").count()).isEqualTo(1);
        assertThat(f.gauge("reactory.lifecycle.queued", "workflow", "report")).isEqualTo(7);
    }
}
