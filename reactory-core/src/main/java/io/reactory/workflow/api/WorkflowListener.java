package io.reactory.workflow.api;

import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.resilience.CircuitBreakerTransition;
import java.time.Duration;

/**
 * Observes the engine after its state changes are committed (never before: a listener never sees a change that was
 * rolled back). Called on engine threads; keep it quick and never throw. Metrics and alerts are fed this way
 * ({@code io.reactory.workflow.metrics.WorkflowMetrics}).
 */
public interface WorkflowListener {

    default void statusChanged(StatusChange change) {}

    /**
     * A step activation finished running after {@code duration}: every attempt, a failed one that will be retried too
     * (which is then also reported to {@link #stepRetryScheduled}).
     *
     * @param errorType the exception's class name when it failed, else null
     */
    default void stepFinished(String workflowId, String stepName, Duration duration, boolean succeeded, String errorType) {}

    /** A failed step will run again after its back-off; {@code attempt} is the attempt that failed (1-based). */
    default void stepRetryScheduled(String workflowId, String stepName, int attempt, Duration backoff) {}

    /**
     * The ErrorHandler handled a failure (a step attempt, or a workflow timeout), with its classification and the
     * action taken; committed with the state it led to.
     */
    default void errorRecorded(ErrorRecord error) {}

    /**
     * A circuit breaker changed state. Reported at once, on the thread that caused it (breaker state is this node's,
     * not committed state).
     */
    default void circuitBreakerTransition(CircuitBreakerTransition transition) {}
}
