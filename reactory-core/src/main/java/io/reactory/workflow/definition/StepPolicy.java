package io.reactory.workflow.definition;

import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;

/**
 * Per-step error handling. Null fields fall back to the workflow's defaults.
 *
 * @param compensation   id of the first step of the compensation chain, or -1
 * @param circuitBreaker name of the external dependency this step calls, or null
 */
public record StepPolicy(RetryOptions retry, ErrorBehavior onError, Duration timeout, int compensation,
                         String circuitBreaker) {
    public static final StepPolicy DEFAULT = new StepPolicy(null, null, null, -1, null);

    StepPolicy withRetry(RetryOptions value) {
        return new StepPolicy(value, onError, timeout, compensation, circuitBreaker);
    }

    StepPolicy withOnError(ErrorBehavior value) {
        return new StepPolicy(retry, value, timeout, compensation, circuitBreaker);
    }

    StepPolicy withTimeout(Duration value) {
        return new StepPolicy(retry, onError, value, compensation, circuitBreaker);
    }

    StepPolicy withCompensation(int value) {
        return new StepPolicy(retry, onError, timeout, value, circuitBreaker);
    }

    StepPolicy withCircuitBreaker(String value) {
        return new StepPolicy(retry, onError, timeout, compensation, value);
    }
}
