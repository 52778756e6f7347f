package io.reactory.workflow.lifecycle;

/**
 * An instance exceeded one of its resource limits and failed with reason {@code RESOURCE_LIMIT}. Recorded as the
 * instance's error; not thrown to callers.
 */
public class ResourceLimitExceededException extends LifecycleException {
    private final String limit;

    /** @param limit the limit's name: {@code maxSteps} or {@code maxDataSize} */
    public ResourceLimitExceededException(String instanceId, String limit, String message) {
        super(instanceId, message);
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }
}
