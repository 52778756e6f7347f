package io.reactory.workflow.api;

/**
 * Thrown by a step to fail its activation with a message. {@link #nonRetryable()} failures skip the retry policy
 * and go straight to the step's failure behaviour.
 */
public class StepFailedException extends WorkflowException {
    private final boolean nonRetryable;

    public StepFailedException(String message) {
        this(message, false, null);
    }

    public StepFailedException(String message, boolean nonRetryable, Throwable cause) {
        super(message, cause);
        this.nonRetryable = nonRetryable;
    }

    /** A failure that no retry can fix (bad input, a business rule). */
    public static StepFailedException nonRetryable(String message) {
        return new StepFailedException(message, true, null);
    }

    public boolean nonRetryable() {
        return nonRetryable;
    }
}
