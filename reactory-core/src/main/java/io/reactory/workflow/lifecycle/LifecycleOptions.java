package io.reactory.workflow.lifecycle;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the LifecycleManager limits, orders, waits and cleans up. A workflow's YAML configuration
 * ({@code concurrency}, {@code dependencies}, {@code limits}) takes precedence over the per-workflow values here.
 *
 * @param globalConcurrency      RUNNING instances allowed in all workflows together; 0 for no limit
 * @param concurrency            RUNNING instances allowed per workflow id (the YAML {@code concurrency})
 * @param agingStep              how much waiting one priority level is worth in the admission queue: a queued
 *                               instance ranks at its creation time + rank × this (high 0, normal 1, low 2), so a
 *                               low-priority instance waits at most two steps longer than a high-priority one created
 *                               at the same time, and is never starved (default 5 minutes)
 * @param dependencyTimeout      how long an instance waits for its dependencies before it fails (or is cancelled)
 *                               with reason {@code DEPENDENCY_TIMEOUT}; null to wait without limit (default)
 * @param onUnmetDependency      what happens to an instance whose dependency can no longer be met or timed out
 *                               (default {@link UnmetDependencyPolicy#FAIL})
 * @param resourceLimits         limits for every instance (default none)
 * @param workflowResourceLimits limits per workflow id; unset fields fall back to {@code resourceLimits}
 * @param retention              how long finished instances and events are kept
 * @param sweepInterval          the safety net: how often waiting instances and queues are looked at although no
 *                               wake-up came (default 30 seconds)
 * @param cleanupInterval        how often cleanup runs (default 1 hour)
 * @param enforceInterval        how often {@link WorkflowLifecycleManager#enforceResourceLimits()} runs when resource
 *                               limits are set (default 5 minutes; the engine also checks after every round)
 */
public record LifecycleOptions(int globalConcurrency, Map<String, Integer> concurrency, Duration agingStep,
                               Duration dependencyTimeout, UnmetDependencyPolicy onUnmetDependency,
                               ResourceLimits resourceLimits, Map<String, ResourceLimits> workflowResourceLimits,
                               RetentionOptions retention, Duration sweepInterval, Duration cleanupInterval,
                               Duration enforceInterval) {

    public static final LifecycleOptions DEFAULT = builder().build();

    public LifecycleOptions {
        if (globalConcurrency < 0) {
            throw new IllegalArgumentException("globalConcurrency must not be negative but was " + globalConcurrency);
        }
        concurrency = Map.copyOf(Objects.requireNonNull(concurrency, "concurrency"));
        concurrency.forEach((workflow, limit) -> {
            if (limit < 1) {
                throw new IllegalArgumentException("concurrency of '" + workflow + "' must be at least 1 but was " + limit);
            }
        });
        positive("agingStep", agingStep);
        if (dependencyTimeout != null) {
            positive("dependencyTimeout", dependencyTimeout);
        }
        Objects.requireNonNull(onUnmetDependency, "onUnmetDependency");
        Objects.requireNonNull(resourceLimits, "resourceLimits");
        workflowResourceLimits = Map.copyOf(Objects.requireNonNull(workflowResourceLimits, "workflowResourceLimits"));
        Objects.requireNonNull(retention, "retention");
        positive("sweepInterval", sweepInterval);
        positive("cleanupInterval", cleanupInterval);
        positive("enforceInterval", enforceInterval);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive but was " + value);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.globalConcurrency = globalConcurrency;
        b.concurrency.putAll(concurrency);
        b.agingStep = agingStep;
        b.dependencyTimeout = dependencyTimeout;
        b.onUnmetDependency = onUnmetDependency;
        b.resourceLimits = resourceLimits;
        b.workflowResourceLimits.putAll(workflowResourceLimits);
        b.retention = retention;
        b.sweepInterval = sweepInterval;
        b.cleanupInterval = cleanupInterval;
        b.enforceInterval = enforceInterval;
        return b;
    }

    /** Assembles options; every value is checked by {@link #build()}. */
    public static final class Builder {
        private int globalConcurrency;
        private final Map<String, Integer> concurrency = new HashMap<>();
        private Duration agingStep = Duration.ofMinutes(5);
        private Duration dependencyTimeout;
        private UnmetDependencyPolicy onUnmetDependency = UnmetDependencyPolicy.FAIL;
        private ResourceLimits resourceLimits = ResourceLimits.NONE;
        private final Map<String, ResourceLimits> workflowResourceLimits = new HashMap<>();
        private RetentionOptions retention = RetentionOptions.DEFAULT;
        private Duration sweepInterval = Duration.ofSeconds(30);
        private Duration cleanupInterval = Duration.ofHours(1);
        private Duration enforceInterval = Duration.ofMinutes(5);

        private Builder() {}

        public Builder globalConcurrency(int value) {
            this.globalConcurrency = value;
            return this;
        }

        public Builder concurrency(String workflowId, int limit) {
            concurrency.put(Objects.requireNonNull(workflowId, "workflowId"), limit);
            return this;
        }

        public Builder agingStep(Duration value) {
            this.agingStep = value;
            return this;
        }

        public Builder dependencyTimeout(Duration value) {
            this.dependencyTimeout = value;
            return this;
        }

        public Builder onUnmetDependency(UnmetDependencyPolicy value) {
            this.onUnmetDependency = value;
            return this;
        }

        public Builder resourceLimits(ResourceLimits value) {
            this.resourceLimits = value;
            return this;
        }

        public Builder resourceLimits(String workflowId, ResourceLimits value) {
            workflowResourceLimits.put(Objects.requireNonNull(workflowId, "workflowId"), value);
            return this;
        }

        public Builder retention(RetentionOptions value) {
            this.retention = value;
            return this;
        }

        public Builder sweepInterval(Duration value) {
            this.sweepInterval = value;
            return this;
        }

        public Builder cleanupInterval(Duration value) {
            this.cleanupInterval = value;
            return this;
        }

        public Builder enforceInterval(Duration value) {
            this.enforceInterval = value;
            return this;
        }

        public LifecycleOptions build() {
            return new LifecycleOptions(globalConcurrency, concurrency, agingStep, dependencyTimeout, onUnmetDependency,
                    resourceLimits, workflowResourceLimits, retention, sweepInterval, cleanupInterval, enforceInterval);
        }
    }
}
