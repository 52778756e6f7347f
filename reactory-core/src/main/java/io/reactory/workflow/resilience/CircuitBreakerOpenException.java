package io.reactory.workflow.resilience;

import io.reactory.workflow.api.WorkflowException;
import java.time.Instant;

/**
 * A step was not invoked because the circuit breaker of the dependency it calls is open; recorded as the step's
 * failure when the breaker's {@link OpenCircuitPolicy} is {@code FAIL_FAST}. Retryable.
 */
public class CircuitBreakerOpenException extends WorkflowException {
    private final String dependency;
    private final Instant retryAt;

    public CircuitBreakerOpenException(String dependency, Instant retryAt) {
        super("circuit breaker '" + dependency + "' is open; calls may be tried again at " + retryAt);
        this.dependency = dependency;
        this.retryAt = retryAt;
    }

    public String dependency() {
        return dependency;
    }

    /** When the breaker may let a call through. */
    public Instant retryAt() {
        return retryAt;
    }
}
