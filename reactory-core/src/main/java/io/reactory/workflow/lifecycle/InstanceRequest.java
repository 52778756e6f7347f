package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.StartOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A new instance for {@link WorkflowLifecycleManager#createInstance} (the specification's {@code IWorkflowInstance}):
 * a start with its dependencies, priority and reference.
 *
 * <pre>{@code
 * String id = lifecycle.createInstance(InstanceRequest.builder("process-results")
 *         .reference("2026-11-25")
 *         .dependsOn(WorkflowDependency.onWorkflow("data-extraction"), WorkflowDependency.onWorkflow("validation"))
 *         .build());
 * }</pre>
 *
 * @param version           the version to run, or null for the latest
 * @param data              input data, as for {@code startWorkflow}
 * @param options           priority, reference, metadata, idempotency key, namespace, start time
 * @param dependencies      in addition to those of the workflow's configuration
 * @param dependencyTimeout how long to wait for them, or null for the manager's default
 * @param onUnmetDependency what happens when one can no longer be met, or null for the manager's default
 */
public record InstanceRequest(String workflowId, String version, Object data, StartOptions options,
                              List<WorkflowDependency> dependencies, Duration dependencyTimeout,
                              UnmetDependencyPolicy onUnmetDependency) {

    public InstanceRequest {
        Objects.requireNonNull(workflowId, "workflowId");
        options = options == null ? StartOptions.DEFAULT : options;
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        if (dependencyTimeout != null && (dependencyTimeout.isNegative() || dependencyTimeout.isZero())) {
            throw new IllegalArgumentException("dependencyTimeout must be positive but was " + dependencyTimeout);
        }
    }

    public static Builder builder(String workflowId) {
        return new Builder(workflowId);
    }

    /** Assembles a request. */
    public static final class Builder {
        private final String workflowId;
        private String version;
        private Object data;
        private StartOptions options = StartOptions.DEFAULT;
        private final List<WorkflowDependency> dependencies = new ArrayList<>();
        private Duration dependencyTimeout;
        private UnmetDependencyPolicy onUnmetDependency;

        private Builder(String workflowId) {
            this.workflowId = workflowId;
        }

        public Builder version(String value) {
            this.version = value;
            return this;
        }

        public Builder data(Object value) {
            this.data = value;
            return this;
        }

        public Builder options(StartOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        public Builder priority(Priority value) {
            this.options = options.withPriority(value);
            return this;
        }

        /** The business reference, which workflow dependencies correlate by. */
        public Builder reference(String value) {
            this.options = options.withReference(value);
            return this;
        }

        public Builder dependsOn(WorkflowDependency... values) {
            dependencies.addAll(List.of(values));
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

        public InstanceRequest build() {
            return new InstanceRequest(workflowId, version, data, options, dependencies, dependencyTimeout,
                    onUnmetDependency);
        }
    }
}
