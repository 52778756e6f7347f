package io.reactory.workflow.persistence;

import io.reactory.workflow.lifecycle.DependencyCondition;
import io.reactory.workflow.lifecycle.UnmetDependencyPolicy;
import java.time.Instant;
import java.util.Objects;

/**
 * One stored dependency of an instance (the dependent) on another: on one instance by id, or on the latest
 * instance of a workflow that carries a correlation key as its reference. Kept by the {@link LifecycleStore}.
 *
 * @param dependentId      the instance that waits
 * @param targetInstanceId the instance it waits for, or null for a workflow dependency
 * @param targetWorkflowId the workflow it waits for (for an instance dependency: that instance's workflow)
 * @param correlationKey   for a workflow dependency: the reference the target must carry, or null for any reference
 * @param condition        the status the target must reach
 * @param onUnmet          what happens to the dependent when the condition can no longer be met or the wait times out
 * @param waitUntil        when the wait times out, or null to wait without limit
 * @param addedAt          when the dependency was added
 * @param satisfiedAt      when all of the dependent's dependencies were found met (it may start), or null
 */
public record DependencyRecord(String dependentId, String targetInstanceId, String targetWorkflowId,
                               String correlationKey, DependencyCondition condition, UnmetDependencyPolicy onUnmet,
                               Instant waitUntil, Instant addedAt, Instant satisfiedAt) {

    public DependencyRecord {
        Objects.requireNonNull(dependentId, "dependentId");
        Objects.requireNonNull(targetWorkflowId, "targetWorkflowId");
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(onUnmet, "onUnmet");
        Objects.requireNonNull(addedAt, "addedAt");
    }

    /**
     * What the dependency points at, unique per dependent: {@code instance:<id>} or {@code workflow:<id>:<key>}
     * ({@code *} for any reference). A dependent has at most one dependency per target.
     */
    public String targetKey() {
        return targetInstanceId != null ? "instance:" + targetInstanceId
                : "workflow:" + targetWorkflowId + ":" + (correlationKey == null ? "*" : "=" + correlationKey);
    }

    /** True when this dependency may be affected by a change of {@code target} (an instance of some workflow). */
    public boolean concerns(String instanceId, String workflowId, String reference) {
        if (targetInstanceId != null) {
            return targetInstanceId.equals(instanceId);
        }
        return targetWorkflowId.equals(workflowId) && (correlationKey == null || correlationKey.equals(reference));
    }

    /** Describes the target for messages: {@code data-extraction [reference 2026-11-25]}, never workflow data. */
    public String describeTarget() {
        if (targetInstanceId != null) {
            return "instance " + targetInstanceId + " of " + targetWorkflowId;
        }
        return targetWorkflowId + (correlationKey == null ? " [any reference]" : " [reference " + correlationKey + "]");
    }

    public DependencyRecord satisfied(Instant at) {
        return new DependencyRecord(dependentId, targetInstanceId, targetWorkflowId, correlationKey, condition, onUnmet,
                waitUntil, addedAt, at);
    }
}
