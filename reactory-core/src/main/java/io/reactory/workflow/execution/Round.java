package io.reactory.workflow.execution;

import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.lifecycle.LifecycleTransitions;
import io.reactory.workflow.notification.SystemEvents;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One pass over a held instance: apply its signals, run its ready steps, record what changed. Everything a commit
 * and the listeners need afterwards is collected here. Confined to the thread running the round.
 */
final class Round {
    final WorkflowInstance instance;
    final WorkflowDefinition definition;
    Instant now;
    Object data;
    boolean subscriptionsChanged;
    final List<Long> consumedSignals = new ArrayList<>(0);
    final List<StatusChange> statusChanges = new ArrayList<>(0);
    final List<StepRecord> steps = new ArrayList<>(2);
    /** The lifecycle messages committed with this round (when the runner writes an outbox). */
    List<OutboxMessage> outbox = List.of();
    /** A PENDING instance the LifecycleManager keeps waiting: no due time, only a wake-up signal brings it back. */
    boolean parked;
    /** Failures handled in this round, committed with it; allocated on the first failure only. */
    private List<ErrorRecord> errors = List.of();

    /** A finished step activation, or a scheduled retry ({@code retryIn != null}), reported to listeners. */
    record StepRecord(String stepName, Duration took, boolean succeeded, String errorType, int attempt, Duration retryIn) {}

    Round(WorkflowInstance instance, WorkflowDefinition definition, Instant now) {
        this.instance = instance;
        this.definition = definition;
        this.now = now;
    }

    void setStatus(WorkflowStatus to) {
        WorkflowStatus from = instance.status;
        LifecycleTransitions.check(instance.id, from, to);
        instance.status = to;
        if (to.isFinished()) {
            instance.completedAt = now;
        } else {
            instance.completedAt = null;
        }
        statusChanges.add(new StatusChange(instance.id, instance.workflowId, instance.version, instance.namespace, from, to,
                now, instance.startedAt, instance.failure == null ? null : instance.failure.reason()));
    }

    /**
     * Builds one outbox message per status change. Called on the thread that ran the round, so the JSON work stays
     * off the single commit loop.
     */
    void prepareOutbox() {
        if (statusChanges.isEmpty()) {
            return;
        }
        List<OutboxMessage> messages = new ArrayList<>(statusChanges.size());
        for (StatusChange change : statusChanges) {
            messages.add(SystemEvents.lifecycle(change, instance.reference));
        }
        outbox = messages;
    }

    void park() {
        parked = true;
    }

    void addError(ErrorRecord record) {
        if (errors.isEmpty()) {
            errors = new ArrayList<>(2);
        }
        errors.add(record);
    }

    List<ErrorRecord> errors() {
        return errors;
    }

    String stepName(int stepId) {
        return definition.step(stepId).name();
    }
}
