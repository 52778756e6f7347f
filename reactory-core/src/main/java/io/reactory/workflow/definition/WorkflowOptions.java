package io.reactory.workflow.definition;

import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * Workflow-wide defaults.
 *
 * @param defaultRetry  retry options of steps that declare none
 * @param defaultOnError error behaviour of steps that declare none
 * @param timeout        the whole instance fails with reason TIMEOUT after this long (null: no limit)
 */
public record WorkflowOptions(String description, RetryOptions defaultRetry, ErrorBehavior defaultOnError,
                              Duration timeout) {
    public static final WorkflowOptions DEFAULT = new WorkflowOptions(null, RetryOptions.DEFAULT, ErrorBehavior.RETRY, null);

    public WorkflowOptions {
        Objects.requireNonNull(defaultRetry, "defaultRetry");
        Objects.requireNonNull(defaultOnError, "defaultOnError");
        if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
            throw new IllegalArgumentException("timeout must be positive but was " + timeout);
        }
    }

    public WorkflowOptions withDefaultRetry(RetryOptions value) {
        return new WorkflowOptions(description, value, defaultOnError, timeout);
    }

    public WorkflowOptions withDefaultOnError(ErrorBehavior value) {
        return new WorkflowOptions(description, defaultRetry, value, timeout);
    }

    /** @param value the workflow timeout, or null for none */
    public WorkflowOptions withTimeout(Duration value) {
        return new WorkflowOptions(description, defaultRetry, defaultOnError, value);
    }
}
