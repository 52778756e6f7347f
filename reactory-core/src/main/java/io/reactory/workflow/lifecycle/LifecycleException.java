package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.WorkflowException;

/**
 * Root of the LifecycleManager's exceptions: a dependency that cannot be added, a cycle, a limit exceeded.
 *
 * @see DependencyCycleException
 * @see DependencyFailedException
 * @see ResourceLimitExceededException
 */
public class LifecycleException extends WorkflowException {
    private final String instanceId;

    public LifecycleException(String instanceId, String message) {
        super(message);
        this.instanceId = instanceId;
    }

    /** The instance concerned, or null. */
    public String instanceId() {
        return instanceId;
    }
}
