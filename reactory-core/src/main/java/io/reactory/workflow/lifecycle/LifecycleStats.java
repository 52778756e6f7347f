package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.WorkflowStatus;
import java.time.Duration;
import java.util.Map;

/**
 * The specification's {@code IWorkflowLifecycleStats}: what the store holds, by status and by workflow, how long
 * finished instances ran, and what waits (for dependencies, for a slot). Counted from the store, so the same on
 * every node.
 *
 * @param instancesByStatus         instances per status
 * @param instancesByWorkflow       instances per workflow and status
 * @param runTimes                  per workflow, start → finish of its finished instances still kept
 * @param waitingOnDependencies     PENDING instances waiting for dependencies
 * @param waitingByWorkflow         the same per workflow
 * @param queued                    PENDING instances queued for a concurrency limit (queue depth)
 * @param queuedByWorkflow          the same per workflow
 * @param runningByWorkflow         RUNNING instances per workflow
 * @param concurrencyLimits         the per-workflow limits in force
 * @param globalConcurrency         the global limit in force, 0 for none
 */
public record LifecycleStats(Map<WorkflowStatus, Long> instancesByStatus,
                             Map<String, Map<WorkflowStatus, Long>> instancesByWorkflow,
                             Map<String, RunTimes> runTimes, long waitingOnDependencies,
                             Map<String, Long> waitingByWorkflow, long queued, Map<String, Long> queuedByWorkflow,
                             Map<String, Long> runningByWorkflow, Map<String, Integer> concurrencyLimits,
                             int globalConcurrency) {

    /** Run times of one workflow's finished instances (those with a start and a finish time). */
    public record RunTimes(long finished, Duration average, Duration max) {}
}
