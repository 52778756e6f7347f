package io.reactory.workflow.execution;

import io.reactory.workflow.api.IllegalTransitionException;
import io.reactory.workflow.api.RetryNotAllowedException;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.lifecycle.InstanceWaitingException;
import io.reactory.workflow.persistence.Failure;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.util.List;

/**
 * Which lifecycle requests a user may make. A request is judged against the instance's effective status: its stored
 * status with the requests already queued for it applied in order, so "pause, then resume at once" is accepted
 * even when the engine has not yet reached the step boundary where the pause takes effect. A PENDING instance that
 * must pass the LifecycleManager's gate ({@link WorkflowInstance#gated}) cannot be paused: it has not started, and
 * a pause would let it skip its dependencies and limits when resumed.
 */
final class ControlRules {
    private ControlRules() {}

    static void check(WorkflowInstance instance, List<Signal> queued, Signal.Kind kind) {
        WorkflowStatus effective = instance.status;
        for (Signal signal : queued) {
            if (signal.kind() != Signal.Kind.EVENT && signal.kind() != Signal.Kind.WAKE
                    && allows(effective, instance, signal.kind())) {
                effective = after(signal.kind());
            }
        }
        if (kind == Signal.Kind.PAUSE && effective == WorkflowStatus.PENDING && instance.gated) {
            throw new InstanceWaitingException(instance.id, WorkflowStatus.PAUSED);
        }
        if (!allows(effective, instance, kind)) {
            if (kind == Signal.Kind.RETRY && effective == WorkflowStatus.FAILED) {
                throw notRetryable(instance);
            }
            throw new IllegalTransitionException(instance.id, effective, after(kind));
        }
    }

    /**
     * Failures a retry cannot resume: it takes the instance back to RUNNING at its failed pointers, but a TIMEOUT
     * cancelled them all (and its deadline stays passed), and a COMPENSATED failure has undone the work it would
     * continue.
     */
    private static boolean retryable(Failure failure) {
        return failure == null
                || !(Failure.COMPENSATED.equals(failure.reason()) || Failure.TIMEOUT.equals(failure.reason()));
    }

    private static RetryNotAllowedException notRetryable(WorkflowInstance instance) {
        String reason = instance.failure.reason();
        return new RetryNotAllowedException(instance.id, reason, Failure.TIMEOUT.equals(reason)
                ? "the workflow timeout cancelled its pointers, so a retry would have nothing to run"
                : "its completed steps were compensated, so the work a retry would continue has been undone");
    }

    private static boolean allows(WorkflowStatus status, WorkflowInstance instance, Signal.Kind kind) {
        return switch (kind) {
            case PAUSE -> status == WorkflowStatus.RUNNING || status == WorkflowStatus.PENDING;
            case RESUME -> status == WorkflowStatus.PAUSED;
            case CANCEL -> status == WorkflowStatus.PENDING || status == WorkflowStatus.RUNNING
                    || status == WorkflowStatus.PAUSED;
            case RETRY -> status == WorkflowStatus.FAILED && retryable(instance.failure);
            case EVENT, WAKE -> true;
        };
    }

    private static WorkflowStatus after(Signal.Kind kind) {
        return switch (kind) {
            case PAUSE -> WorkflowStatus.PAUSED;
            case CANCEL -> WorkflowStatus.CANCELLED;
            default -> WorkflowStatus.RUNNING;
        };
    }
}
