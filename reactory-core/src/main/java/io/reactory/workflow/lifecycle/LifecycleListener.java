package io.reactory.workflow.lifecycle;

import java.time.Duration;
import java.util.List;

/**
 * Observes the LifecycleManager, for metrics (dependency waits, queue depth) and logs. Called on engine or lifecycle
 * threads after the fact is stored; keep it quick and never throw. Queue depth and waiting counts are in
 * {@link WorkflowLifecycleManager#getLifecycleStats()}.
 */
public interface LifecycleListener {

    /** Every dependency of the instance holds; it may start now (after {@code waited} since it was created). */
    default void dependenciesMet(String instanceId, String workflowId, Duration waited) {}

    /**
     * A dependency can no longer be met, or the wait timed out: the instance failed or was cancelled.
     *
     * @param reason {@code DEPENDENCY_FAILED} or {@code DEPENDENCY_TIMEOUT}
     */
    default void dependencyUnmet(String instanceId, String workflowId, String reason) {}

    /**
     * A start found no free slot and the instance was queued; reported each time it is refused (a woken instance may
     * be refused again).
     *
     * @param globalLimit true when the global limit was full, false for the workflow's own
     */
    default void queued(String instanceId, String workflowId, boolean globalLimit) {}

    /** The instance got a slot and is RUNNING, {@code waited} after it was created. */
    default void admitted(String instanceId, String workflowId, Duration waited) {}

    /** The instance failed with reason {@code RESOURCE_LIMIT}. */
    default void resourceLimitExceeded(String instanceId, String workflowId) {}

    /** Cleanup removed these instances. */
    default void cleanedUp(List<String> instanceIds) {}
}
