package io.reactory.workflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.IllegalTransitionException;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.InstanceNotFoundException;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Cleanup with retention, resource limits and their enforcement, status requests through the state machine, and
 * the statistics, on a store. Subclass once per store.
 */
public abstract class MaintenanceContract extends LifecycleContractBase {

    /** {@code loop} runs a step for ever; {@code grow} adds a kilobyte to its data per step; {@code flaky} fails twice. */
    @Override
    protected void registerWorkflows(WorkflowRunner runner) {
        super.registerWorkflows(runner);
        runner.registerWorkflow(WorkflowDefinition.define("loop", "1", Job.class, b -> b
                .repeatWhile(job -> true).then(body -> body.startWith("tick", ctx -> ExecutionResult.next()))));
        runner.registerWorkflow(WorkflowDefinition.define("grow", "1", Job.class, b -> b
                .repeatWhile(job -> true).then(body -> body.startWith("grow", ctx -> {
                    ctx.data().payload = (ctx.data().payload == null ? "" : ctx.data().payload) + "x".repeat(1000);
                    return ExecutionResult.next();
                }))));
        runner.registerWorkflow(WorkflowDefinition.define("flaky", "1", Job.class, b -> b
                .startWith("flaky", ctx -> {
                    if (ctx.attempt() < 3) {
                        throw new IllegalStateException("not yet");
                    }
                    return ExecutionResult.next();
                }).retry(RetryOptions.builder().initialInterval(Duration.ofSeconds(1)).maximumAttempts(3).build())));
    }

    /** Cleanup only when asked: the periodic one would run within the days these tests skip. */
    private Engine engineCleaningOnRequest() {
        return engine(LifecycleOptions.builder().cleanupInterval(Duration.ofDays(3650)).build());
    }

    private String completed(Engine e, String workflowId) {
        String id = e.runner().startWorkflow(workflowId, null);
        e.settle();
        return id;
    }

    private void assertGone(Engine e, String id) {
        assertThatThrownBy(() -> e.runner().getInstance(id)).isInstanceOf(InstanceNotFoundException.class);
        assertThat(store.errors().findByInstance(id)).as("error records of " + id).isEmpty();
        assertThat(store.lifecycle().dependencies(id)).as("dependencies of " + id).isEmpty();
        assertThat(store.instances().pendingSignals(id)).as("signals of " + id).isEmpty();
    }

    @Test
    void cleanup_removes_only_what_retention_allows_leaves_nothing_orphaned_and_is_idempotent() {
        Engine e = engineCleaningOnRequest();
        String completed = completed(e, "report");
        String dependent = e.lifecycle().createInstance(InstanceRequest.builder("report")
                .dependsOn(WorkflowDependency.onInstance(completed)).build());
        String cancelled = stage(e, "data-extraction", "old");
        e.settle();
        e.runner().cancelWorkflow(cancelled);
        Job failing = new Job();
        failing.fail = true;
        String failed = e.runner().startWorkflow("process-results", null, failing);
        e.runner().publishEvent("unrelated", "k", Map.of());
        e.settle();
        assertThat(e.status(dependent)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(store.errors().findByInstance(failed)).isNotEmpty();
        assertThat(store.lifecycle().dependencies(dependent)).isNotEmpty();

        e.env().advance(Duration.ofDays(8));
        String recent = completed(e, "report");
        String waiting = stage(e, "validation", "now");
        e.settle();
        CleanupResult first = e.lifecycle().cleanupCompletedWorkflows();

        assertThat(first.instances()).isEqualTo(3);
        for (String id : List.of(completed, dependent, cancelled)) {
            assertGone(e, id);
        }
        assertThat(e.status(failed)).as("failed instances are kept 30 days").isEqualTo(WorkflowStatus.FAILED);
        assertThat(store.errors().findByInstance(failed)).isNotEmpty();
        assertThat(e.status(recent)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(e.status(waiting)).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(changes).filteredOn(c -> c.instanceId().equals(completed)).extracting(StatusChange::to)
                .endsWith(WorkflowStatus.COMPLETED, WorkflowStatus.CLEANING_UP);
        assertThat(e.lifecycle().cleanupCompletedWorkflows()).as("a second run finds nothing")
                .isEqualTo(new CleanupResult(0, 0, 0));

        e.env().advance(Duration.ofDays(23));
        CleanupResult later = e.lifecycle().cleanupCompletedWorkflows();

        assertThat(later.instances()).isEqualTo(2);
        assertGone(e, failed);
        assertGone(e, recent);
        assertThat(later.events()).as("the events of 31 days ago").isEqualTo(1);
        assertThat(e.status(waiting)).isEqualTo(WorkflowStatus.RUNNING);
        finish(e, "validation", "now");
        assertThat(e.status(waiting)).as("what was kept still works").isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void cleanup_skips_an_instance_someone_holds_and_finishes_one_left_cleaning_up() {
        Engine e = engineCleaningOnRequest();
        String held = completed(e, "report");
        String interrupted = completed(e, "report");
        e.env().advance(Duration.ofDays(8));
        assertThat(e.env().runner() instanceof io.reactory.workflow.execution.LocalWorkflowRunner local
                && local.beginCleanup(interrupted)).as("a run that stopped after CLEANING_UP").isTrue();
        assertThat(e.status(interrupted)).isEqualTo(WorkflowStatus.CLEANING_UP);
        var claim = store.instances().claimById(held, "other-node", Duration.ofMinutes(1), clock.instant()).orElseThrow();

        CleanupResult result = e.lifecycle().cleanupCompletedWorkflows();

        assertThat(result).isEqualTo(new CleanupResult(1, 0, 1));
        assertGone(e, interrupted);
        assertThat(e.status(held)).isEqualTo(WorkflowStatus.COMPLETED);
        store.instances().renewLeases("other-node", Map.of(held, claim.instance().leaseEpoch), Duration.ZERO, clock.instant());
        assertThat(e.lifecycle().cleanupCompletedWorkflows().instances()).isEqualTo(1);
        assertGone(e, held);
    }

    @Test
    void cleanup_runs_periodically() {
        Engine e = engine(LifecycleOptions.builder().cleanupInterval(Duration.ofDays(1)).build());
        String old = completed(e, "report");
        e.env().advance(Duration.ofDays(6));
        e.settle();
        assertThat(e.status(old)).isEqualTo(WorkflowStatus.COMPLETED);

        e.env().advance(Duration.ofDays(2));
        e.settle();

        assertGone(e, old);
    }

    @Test
    void an_instance_over_its_step_limit_fails_with_a_reason_naming_the_limit() {
        Engine e = engine(LifecycleOptions.builder().resourceLimits("loop", ResourceLimits.maxSteps(5)).build());

        String id = completed(e, "loop");

        InstanceInfo failed = e.info(id);
        assertThat(failed.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo("RESOURCE_LIMIT");
        assertThat(failed.failureMessage()).contains("maxSteps", "5");
        assertThat(e.lifecycle().checkResourceUsage(id).stepsExecuted()).isEqualTo(5);
        assertThat(e.runner().errorHandler().errors(id)).singleElement()
                .satisfies(r -> assertThat(r.errorType()).endsWith("ResourceLimitExceededException"));

        e.runner().retryWorkflow(id); // the limit is still spent: it fails again at once, with nothing run
        e.settle();
        assertThat(e.info(id).failureReason()).isEqualTo("RESOURCE_LIMIT");
        assertThat(e.lifecycle().checkResourceUsage(id).stepsExecuted()).isEqualTo(5);
    }

    @Test
    void an_instance_whose_data_grows_past_its_limit_fails() {
        Engine e = engine(LifecycleOptions.builder()
                .resourceLimits(ResourceLimits.NONE.withMaxDataSize(10_000)).build());

        String id = completed(e, "grow");

        InstanceInfo failed = e.info(id);
        assertThat(failed.failureReason()).isEqualTo("RESOURCE_LIMIT");
        assertThat(failed.failureMessage()).contains("maxDataSize", "10000");
        ResourceUsage usage = e.lifecycle().checkResourceUsage(id);
        assertThat(usage.dataSize()).isGreaterThan(10_000).isLessThan(12_000);
        assertThat(usage.exceeded()).contains("maxDataSize");
    }

    @Test
    void resource_usage_reports_time_steps_retries_and_size() {
        Engine e = engine();
        String id = e.runner().startWorkflow("flaky", null);
        e.settle();
        e.env().advance(Duration.ofSeconds(1));
        e.env().advance(Duration.ofSeconds(2));

        ResourceUsage usage = e.lifecycle().checkResourceUsage(id);

        assertThat(usage.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(usage.stepsExecuted()).isEqualTo(3);
        assertThat(usage.retries()).isEqualTo(2);
        assertThat(usage.wallTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(usage.dataSize()).isPositive();
        assertThat(usage.limits()).isEqualTo(ResourceLimits.NONE);
        assertThat(usage.exceeded()).isNull();
    }

    @Test
    void enforcing_finds_a_waiting_instance_past_a_timeout_shortened_since_it_last_ran() {
        Engine e = engine();
        String id = stage(e, "validation", "slow");
        e.settle();
        e.env().advance(Duration.ofHours(2));
        WorkflowDefinition original = e.runner().definitions().stream().filter(d -> d.id().equals("validation"))
                .findFirst().orElseThrow();
        e.runner().replaceWorkflow(WorkflowDefinition.define("validation", "1", Job.class, b -> b
                .workflowTimeout(Duration.ofHours(1))
                .waitFor("finish", job -> "never")
                .then("work", ctx -> ExecutionResult.next())));
        assertThat(original).isNotNull();

        assertThat(e.lifecycle().enforceResourceLimits()).isEqualTo(1);
        e.settle();

        assertThat(e.info(id).failureReason()).isEqualTo("TIMEOUT");
        assertThat(e.lifecycle().enforceResourceLimits()).isZero();
    }

    @Test
    void status_requests_go_through_the_state_machine() {
        Engine e = engine();
        String running = stage(e, "validation", "r");
        e.settle();
        WorkflowLifecycleManager lifecycle = e.lifecycle();

        lifecycle.updateInstanceStatus(running, WorkflowStatus.PAUSED);
        e.settle();
        assertThat(e.status(running)).isEqualTo(WorkflowStatus.PAUSED);
        lifecycle.updateInstanceStatus(running, WorkflowStatus.RUNNING);
        e.settle();
        assertThat(e.status(running)).isEqualTo(WorkflowStatus.RUNNING);
        assertThatThrownBy(() -> lifecycle.updateInstanceStatus(running, WorkflowStatus.COMPLETED))
                .isInstanceOf(IllegalTransitionException.class).hasMessageContaining("RUNNING to COMPLETED");
        assertThatThrownBy(() -> lifecycle.updateInstanceStatus(running, WorkflowStatus.CLEANING_UP))
                .isInstanceOf(IllegalTransitionException.class);
        lifecycle.updateInstanceStatus(running, WorkflowStatus.CANCELLED);
        e.settle();
        assertThat(e.status(running)).isEqualTo(WorkflowStatus.CANCELLED);

        Job failing = new Job();
        failing.fail = true;
        String failed = e.runner().startWorkflow("process-results", null, failing);
        e.settle();
        assertThatThrownBy(() -> lifecycle.updateInstanceStatus(failed, WorkflowStatus.PENDING))
                .isInstanceOf(IllegalTransitionException.class);
        lifecycle.updateInstanceStatus(failed, WorkflowStatus.RUNNING); // retry: fails again
        e.settle();
        assertThat(e.status(failed)).isEqualTo(WorkflowStatus.FAILED);
        assertThat(e.runner().errorHandler().errors(failed)).as("one failure before the retry, one after").hasSize(2);

        lifecycle.updateInstanceStatus(failed, WorkflowStatus.CLEANING_UP);
        assertGone(e, failed);
        assertThatThrownBy(() -> lifecycle.updateInstanceStatus(failed, WorkflowStatus.PAUSED))
                .isInstanceOf(InstanceNotFoundException.class);
    }

    @Test
    void statistics_count_by_status_and_workflow_with_run_times_and_waits() {
        Engine e = engine(LifecycleOptions.builder().concurrency("report", 3).build());
        completed(e, "report");
        e.env().advance(Duration.ofSeconds(1));
        String flaky = e.runner().startWorkflow("flaky", null);
        e.settle();
        e.env().advance(Duration.ofSeconds(1));
        e.env().advance(Duration.ofSeconds(2));
        e.lifecycle().createInstance(InstanceRequest.builder("process-results").reference("d")
                .dependsOn(on("data-extraction")).build());
        stage(e, "data-extraction", "d");
        e.settle();

        LifecycleStats stats = e.lifecycle().getLifecycleStats();

        assertThat(stats.instancesByStatus()).containsEntry(WorkflowStatus.COMPLETED, 2L)
                .containsEntry(WorkflowStatus.PENDING, 1L).containsEntry(WorkflowStatus.RUNNING, 1L);
        assertThat(stats.instancesByWorkflow().get("process-results")).containsEntry(WorkflowStatus.PENDING, 1L);
        assertThat(stats.runTimes().get("flaky")).isEqualTo(new LifecycleStats.RunTimes(1, Duration.ofSeconds(3),
                Duration.ofSeconds(3)));
        assertThat(stats.waitingOnDependencies()).isEqualTo(1);
        assertThat(stats.waitingByWorkflow()).isEqualTo(Map.of("process-results", 1L));
        assertThat(stats.runningByWorkflow()).isEqualTo(Map.of("data-extraction", 1L));
        assertThat(stats.concurrencyLimits()).isEqualTo(Map.of("report", 3));
        assertThat(Set.of(flaky)).isNotEmpty();
    }
}
