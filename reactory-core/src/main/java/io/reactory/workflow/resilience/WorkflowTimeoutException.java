package io.reactory.workflow.resilience;

import io.reactory.workflow.api.WorkflowException;
import java.time.Duration;

/**
 * An instance did not finish within its workflow timeout; it fails with reason {@code TIMEOUT}. The engine records
 * it as the instance's error; it is not thrown to callers.
 */
public class WorkflowTimeoutException extends WorkflowException {
    public WorkflowTimeoutException(String workflowId, Duration timeout) {
        super("workflow '" + workflowId + "' did not finish within its timeout of " + timeout);
    }
}
