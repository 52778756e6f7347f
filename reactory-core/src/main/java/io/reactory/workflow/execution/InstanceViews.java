package io.reactory.workflow.execution;

import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.StepInfo;
import io.reactory.workflow.definition.StepNode;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.definition.WorkflowRegistry;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Turns stored instances into the read-only views users get. */
public final class InstanceViews {
    private InstanceViews() {}

    public static InstanceInfo toInfo(WorkflowInstance i, WorkflowRegistry registry) {
        Optional<WorkflowDefinition> definition = registry.find(i.workflowId, i.version);
        List<StepInfo> steps = new ArrayList<>(i.pointers.size());
        for (ExecutionPointer p : i.pointers) {
            StepNode node = definition.map(d -> p.stepId < d.steps().size() ? d.step(p.stepId) : null).orElse(null);
            int attempts = p.failures + (p.status == PointerStatus.COMPLETE ? 1 : 0);
            steps.add(new StepInfo(p.id, node == null ? "step-" + p.stepId : node.name(),
                    node == null ? "unknown" : node.kind().label(), p.status.name(), attempts, p.startedAt, p.endedAt,
                    p.isActive() ? p.sleepUntil : null,
                    p.status == PointerStatus.WAITING_EVENT ? p.eventName + "/" + p.eventKey : null,
                    p.errorType, p.errorMessage, p.itemIndex >= 0 ? p.itemIndex : null));
        }
        return new InstanceInfo(i.id, i.workflowId, i.version, i.status, i.data == null ? null : i.data.value(),
                i.reference, i.namespace, i.priority, i.metadata, i.createdAt, i.startedAt, i.completedAt,
                i.nextExecution, i.failure == null ? null : i.failure.reason(),
                i.failure == null ? null : i.failure.stepName(), i.failure == null ? null : i.failure.message(), steps);
    }
}
