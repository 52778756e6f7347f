package io.reactory.workflow.lifecycle;

/**
 * Limits on what one instance may use, enforced by the engine after each round (and by
 * {@link WorkflowLifecycleManager#enforceResourceLimits()}): an instance that exceeds one fails with reason
 * {@code RESOURCE_LIMIT} and a message naming the limit. The workflow timeout (definition or YAML {@code timeout}) is
 * the limit on wall time. A value of 0 means no limit.
 *
 * @param maxSteps    step activations an instance may run (failed attempts count)
 * @param maxDataSize bytes of its data as JSON; measuring serialises the data after each round, so set it only where
 *                    it matters
 */
public record ResourceLimits(long maxSteps, long maxDataSize) {
    public static final ResourceLimits NONE = new ResourceLimits(0, 0);

    public ResourceLimits {
        if (maxSteps < 0) {
            throw new IllegalArgumentException("maxSteps must not be negative but was " + maxSteps);
        }
        if (maxDataSize < 0) {
            throw new IllegalArgumentException("maxDataSize must not be negative but was " + maxDataSize);
        }
    }

    public static ResourceLimits maxSteps(long value) {
        return new ResourceLimits(value, 0);
    }

    public ResourceLimits withMaxSteps(long value) {
        return new ResourceLimits(value, maxDataSize);
    }

    public ResourceLimits withMaxDataSize(long value) {
        return new ResourceLimits(maxSteps, value);
    }

    public boolean isNone() {
        return maxSteps == 0 && maxDataSize == 0;
    }

    /** These limits, with each unset one taken from {@code fallback}. */
    public ResourceLimits orElse(ResourceLimits fallback) {
        return new ResourceLimits(maxSteps != 0 ? maxSteps : fallback.maxSteps,
                maxDataSize != 0 ? maxDataSize : fallback.maxDataSize);
    }

    /** True when no further step may start after {@code stepsExecuted} activations. */
    public boolean stepsSpent(long stepsExecuted) {
        return maxSteps > 0 && stepsExecuted >= maxSteps;
    }

    /** The exceeded limit, or null when usage is within them. */
    public ResourceLimitExceededException exceeded(String instanceId, long stepsExecuted, long dataSize) {
        if (maxSteps > 0 && stepsExecuted > maxSteps) {
            return new ResourceLimitExceededException(instanceId, "maxSteps",
                    "ran " + stepsExecuted + " steps, more than its limit of " + maxSteps + " (maxSteps)");
        }
        if (maxDataSize > 0 && dataSize > maxDataSize) {
            return new ResourceLimitExceededException(instanceId, "maxDataSize",
                    "its data is " + dataSize + " bytes, more than its limit of " + maxDataSize + " (maxDataSize)");
        }
        return null;
    }
}
