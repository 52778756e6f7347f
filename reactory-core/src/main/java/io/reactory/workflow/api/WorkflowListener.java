package io.reactory.workflow.api;

import io.reactory.workflow.resilience.CircuitBreakerTransition;
import java.time.Duration;

/**
 * Observes the engine after its state changes are committed (never before: a listener never sees a change that was
 * rolled back). Called on engine threads; keep it quick and never throw.
 */
public interface WorkflowListener {

    default void statusChanged(StatusChange change) {}

    /** A step activation finished running (success or failure) after {@code duration}. */
    default void stepFinished(String workflowId, String stepName, Duration duration, boolean succeeded, String errorType) {}

    /** A failed step will run again after its back-off. */
    default void stepRetryScheduled(String workflowId, String stepName, int attempt, Duration backoff) {}

    /**
     * A circuit breaker changed state. Reported at once, on the thread that caused it (breaker state is this node's,
     * not committed state).
     */
    default void circuitBreakerTransition(CircuitBreakerTransition transition) {}
}
