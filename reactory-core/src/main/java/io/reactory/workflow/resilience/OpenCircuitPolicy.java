package io.reactory.workflow.resilience;

/** What happens to a step whose dependency's circuit breaker refuses the call. */
public enum OpenCircuitPolicy {
    /**
     * (Default) The step is not invoked and not counted as an attempt: it is re-scheduled durably for when the breaker
     * may let a call through, so its retry budget is intact when the dependency recovers.
     */
    HOLD,
    /**
     * The refusal counts as a failed attempt ({@link CircuitBreakerOpenException}, retryable): the step's retry options
     * and failure behaviour apply, and the next attempt is never before the breaker may let a call through.
     */
    FAIL_FAST
}
