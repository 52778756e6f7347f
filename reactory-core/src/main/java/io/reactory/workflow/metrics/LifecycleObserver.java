package io.reactory.workflow.metrics;

import java.time.Duration;

/**
 * What the LifecycleManager reports to metrics: instances waiting for the workflows they depend on, and instances
 * held back by their workflow's concurrency limit ({@link WorkflowMetrics#lifecycle()}). Thread-safe.
 */
public interface LifecycleObserver {

    /** An instance of {@code workflowId} started waiting for its dependencies. */
    void dependencyWaitStarted(String workflowId);

    /**
     * An instance stopped waiting for its dependencies.
     *
     * @param outcome {@code satisfied} (it may run), {@code failed} (a dependency failed), {@code cancelled}
     */
    void dependencyWaitEnded(String workflowId, Duration waited, String outcome);

    /** How many instances of {@code workflowId} its concurrency limit holds back right now. */
    void queued(String workflowId, long instances);

    /** How many instances of {@code workflowId} wait for their dependencies right now (an absolute count). */
    default void waiting(String workflowId, long instances) {}
}
