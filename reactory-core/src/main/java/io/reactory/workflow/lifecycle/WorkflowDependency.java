package io.reactory.workflow.lifecycle;

import io.reactory.workflow.config.WorkflowConfig;
import java.util.Objects;

/**
 * A dependency of a workflow instance on another (the specification's {@code { workflowId: "data-extraction",
 * condition: "completed" }}): the instance stays PENDING until its target reaches the condition.
 *
 * <p>The target is one instance ({@link #onInstance}), or the latest instance of a workflow ({@link #onWorkflow})
 * correlated with the dependent: by default the one carrying the dependent's business reference (so
 * "process-results for 2026-11-25" waits for "data-extraction for 2026-11-25"), or the one carrying another key
 * ({@link #withCorrelationKey}), or any ({@link #onAnyReference}; also when the dependent has no reference). "Latest"
 * is by creation: a newer run of the target replaces an older one. The dependency holds as soon as the target reaches
 * the condition, whether that happened before or after the dependent was created.
 *
 * <pre>{@code
 * WorkflowDependency.onWorkflow("data-extraction")                                   // completed, same reference
 * WorkflowDependency.onWorkflow("validation").withCondition(DependencyCondition.FINISHED)
 * WorkflowDependency.onInstance(extractionId)
 * }</pre>
 *
 * @param instanceId     the instance depended on, or null for a workflow dependency
 * @param workflowId     the workflow depended on, or null for an instance dependency
 * @param correlationKey the reference the target must carry; null for the dependent's own reference
 * @param anyReference   the latest instance whatever its reference
 * @param condition      what the target must reach (default {@link DependencyCondition#COMPLETED})
 */
public record WorkflowDependency(String instanceId, String workflowId, String correlationKey, boolean anyReference,
                                 DependencyCondition condition) {

    public WorkflowDependency {
        condition = condition == null ? DependencyCondition.COMPLETED : condition;
        if ((instanceId == null) == (workflowId == null)) {
            throw new IllegalArgumentException("a dependency names either an instanceId or a workflowId");
        }
        if (instanceId != null && (correlationKey != null || anyReference)) {
            throw new IllegalArgumentException("a dependency on instance " + instanceId + " takes no correlation");
        }
        if (correlationKey != null && anyReference) {
            throw new IllegalArgumentException("a dependency correlates by a key or by any reference, not both");
        }
        if (instanceId != null && instanceId.isBlank() || workflowId != null && workflowId.isBlank()) {
            throw new IllegalArgumentException("a dependency's instanceId or workflowId must not be blank");
        }
    }

    /** On the latest instance of {@code workflowId} with the dependent's reference, to complete. */
    public static WorkflowDependency onWorkflow(String workflowId) {
        return new WorkflowDependency(null, Objects.requireNonNull(workflowId, "workflowId"), null, false, null);
    }

    /** The specification's form: {@code { workflowId, condition }} with condition {@code completed}, {@code failed} or {@code finished}. */
    public static WorkflowDependency of(String workflowId, String condition) {
        return onWorkflow(workflowId).withCondition(DependencyCondition.parse(condition));
    }

    /** On one instance, to complete. */
    public static WorkflowDependency onInstance(String instanceId) {
        return new WorkflowDependency(Objects.requireNonNull(instanceId, "instanceId"), null, null, false, null);
    }

    /** An entry of a workflow configuration's {@code dependencies} list. */
    public static WorkflowDependency of(WorkflowConfig.Dependency configured) {
        WorkflowDependency dependency = of(configured.workflowId(), configured.condition());
        return "any".equals(configured.correlate()) ? dependency.onAnyReference() : dependency;
    }

    public WorkflowDependency withCondition(DependencyCondition value) {
        return new WorkflowDependency(instanceId, workflowId, correlationKey, anyReference, value);
    }

    /** Correlated by {@code key} (for example a business date) instead of the dependent's reference. */
    public WorkflowDependency withCorrelationKey(String key) {
        return new WorkflowDependency(instanceId, workflowId, Objects.requireNonNull(key, "key"), false, condition);
    }

    /** On the latest instance of the workflow, whatever its reference. */
    public WorkflowDependency onAnyReference() {
        return new WorkflowDependency(instanceId, workflowId, null, true, condition);
    }
}
