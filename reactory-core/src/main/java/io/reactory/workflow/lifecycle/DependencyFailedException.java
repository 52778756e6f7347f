package io.reactory.workflow.lifecycle;

/**
 * A waiting instance's dependency can no longer be met, or its wait timed out; the instance failed or was cancelled
 * with reason {@code DEPENDENCY_FAILED} or {@code DEPENDENCY_TIMEOUT}. Recorded as the instance's error; not thrown to
 * callers.
 */
public class DependencyFailedException extends LifecycleException {
    public DependencyFailedException(String instanceId, String message) {
        super(instanceId, message);
    }
}
