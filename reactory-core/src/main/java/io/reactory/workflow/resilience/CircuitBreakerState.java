package io.reactory.workflow.resilience;

/**
 * The states of a circuit breaker, exactly as the specification draws them: {@code CLOSED → OPEN} when a failure
 * threshold is reached, {@code OPEN → HALF_OPEN} after the recovery timeout, {@code HALF_OPEN → CLOSED} when the
 * trial calls succeed, {@code HALF_OPEN → OPEN} when one fails.
 */
public enum CircuitBreakerState {
    /** Normal operation: every call goes through and is counted. */
    CLOSED,
    /** Fail fast: no call goes through until the open duration has passed. */
    OPEN,
    /** Test recovery: a few trial calls go through; the others wait for their verdict. */
    HALF_OPEN
}
