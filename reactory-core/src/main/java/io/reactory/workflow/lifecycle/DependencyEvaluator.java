package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.execution.LifecycleHooks.StartDecision;
import io.reactory.workflow.persistence.DependencyRecord;
import io.reactory.workflow.persistence.Failure;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

/**
 * Where a dependency stands, read from the store: its target is one instance, or the latest instance of a workflow
 * with the correlation key (by creation; instances being cleaned up do not count). Read-only: the engine's gate and
 * the safety-net sweep both ask it.
 */
final class DependencyEvaluator {
    private static final EnumSet<WorkflowStatus> CANDIDATES = EnumSet.complementOf(EnumSet.of(WorkflowStatus.CLEANING_UP));

    private final InstanceStore instances;

    DependencyEvaluator(InstanceStore instances) {
        this.instances = instances;
    }

    /** One dependency's state, the instance deciding it (null when there is none yet) and, when unmeetable, why. */
    record Evaluation(DependencyRecord dependency, DependencyStatus.State state, WorkflowInstance target, String why) {}

    Evaluation evaluate(DependencyRecord d) {
        Optional<WorkflowInstance> target = d.targetInstanceId() != null ? instances.find(d.targetInstanceId())
                : latest(d.targetWorkflowId(), d.correlationKey());
        if (target.isEmpty()) {
            return d.targetInstanceId() == null ? new Evaluation(d, DependencyStatus.State.WAITING, null, null)
                    : new Evaluation(d, DependencyStatus.State.UNMEETABLE, null, "that instance no longer exists");
        }
        WorkflowInstance t = target.get();
        if (d.condition().isMetBy(t.status)) {
            return new Evaluation(d, DependencyStatus.State.MET, t, null);
        }
        if (d.condition().isRuledOutBy(t.status) || t.status == WorkflowStatus.CLEANING_UP) {
            String which = d.targetInstanceId() != null ? "it" : "its latest instance " + t.id;
            return new Evaluation(d, DependencyStatus.State.UNMEETABLE, t, which + " is " + t.status
                    + " and the condition is " + d.condition().label());
        }
        return new Evaluation(d, DependencyStatus.State.WAITING, t, null);
    }

    private Optional<WorkflowInstance> latest(String workflowId, String key) {
        List<WorkflowInstance> newest = instances.find(new InstanceQuery(CANDIDATES, workflowId, key, null, null, null, 0, 1));
        return newest.stream().findFirst();
    }

    /**
     * What the dependencies mean for a start now: null when every one holds; a refusal when one can never hold or
     * the wait timed out; otherwise a wait.
     */
    StartDecision decide(String dependentId, List<DependencyRecord> dependencies, Instant now) {
        DependencyRecord timedOut = null;
        boolean waiting = false;
        for (DependencyRecord d : dependencies) {
            if (d.satisfiedAt() != null) {
                continue;
            }
            Evaluation e = evaluate(d);
            switch (e.state()) {
                case MET -> {
                }
                case UNMEETABLE -> {
                    return refuse(d, Failure.DEPENDENCY_FAILED, "dependency on " + d.describeTarget()
                            + " can no longer be met: " + e.why());
                }
                case WAITING -> {
                    waiting = true;
                    if (d.waitUntil() != null && !now.isBefore(d.waitUntil()) && timedOut == null) {
                        timedOut = d;
                    }
                }
            }
        }
        if (timedOut != null) {
            return refuse(timedOut, Failure.DEPENDENCY_TIMEOUT, "waited " + Duration.between(timedOut.addedAt(),
                    timedOut.waitUntil()) + " for " + timedOut.describeTarget() + " to be "
                    + timedOut.condition().label() + " (dependency timeout)");
        }
        return waiting ? new StartDecision.Wait() : null;
    }

    private static StartDecision refuse(DependencyRecord d, String reason, String message) {
        return new StartDecision.Refuse(reason, new DependencyFailedException(d.dependentId(), message),
                d.onUnmet() == UnmetDependencyPolicy.CANCEL);
    }
}
