package io.reactory.workflow.execution;

import io.reactory.workflow.api.WorkflowException;
import java.time.Duration;

/** A step ran longer than its timeout and was interrupted; counts as a retryable failure. */
public class StepTimeoutException extends WorkflowException {
    public StepTimeoutException(String stepName, Duration timeout) {
        super("step '" + stepName + "' did not finish within its timeout of " + timeout);
    }
}
