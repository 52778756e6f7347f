package io.reactory.workflow.execution;

import io.reactory.workflow.api.WorkflowException;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.execution.LifecycleHooks.StartDecision;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.lifecycle.ResourceLimitExceededException;
import io.reactory.workflow.lifecycle.ResourceLimits;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.Failure;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import io.reactory.workflow.persistence.LifecycleStore.Admission;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * What the LifecycleManager's hooks do to a round: the gate before a PENDING instance starts (dependencies,
 * admission under concurrency limits) and the resource limits checked around its steps. Only instances the hooks
 * claim pay for any of this.
 */
final class LifecycleRules {
    private LifecycleRules() {}

    /**
     * Starts a due, gated PENDING instance if the hooks let it.
     *
     * @param start the engine's start (PENDING → RUNNING and the first pointer)
     * @return true when it is RUNNING and may run its steps in this round
     */
    static boolean tryStart(Round r, LifecycleHooks hooks, Consumer<Round> start, PointerMachine machine) {
        StartDecision decision = hooks.decide(r.instance, r.now);
        switch (decision) {
            case StartDecision.Wait wait -> {
                r.park();
                return false;
            }
            case StartDecision.Refuse refuse -> {
                start.accept(r);
                refuse(r, refuse, machine);
                return false;
            }
            case StartDecision.Proceed proceed -> {
                if (!proceed.admission()) {
                    start.accept(r);
                    return true;
                }
                return admit(r, hooks, start);
            }
        }
    }

    /**
     * Starts the instance and asks the store to admit it as RUNNING (keeping the lease). Refused, the start is
     * undone: the instance stays PENDING, parked until a slot frees up.
     */
    private static boolean admit(Round r, LifecycleHooks hooks, Consumer<Round> start) {
        WorkflowInstance instance = r.instance;
        int pointers = instance.pointers.size();
        int nextPointerId = instance.nextPointerId;
        Instant startedAt = instance.startedAt;
        Instant nextExecution = instance.nextExecution;
        int changes = r.statusChanges.size();
        start.accept(r);
        // Should this node stop after the admission, the RUNNING instance must be due for whoever takes it over.
        // The round's own commit carries its lifecycle messages, so they are not written twice.
        instance.nextExecution = r.now;
        Admission admission = hooks.admit(new InstanceCommit(instance, false, List.of(), false), r.now);
        if (admission == Admission.ADMITTED) {
            return true;
        }
        instance.status = WorkflowStatus.PENDING;
        instance.startedAt = startedAt;
        instance.completedAt = null;
        instance.nextExecution = nextExecution;
        instance.pointers.subList(pointers, instance.pointers.size()).clear();
        instance.nextPointerId = nextPointerId;
        r.statusChanges.subList(changes, r.statusChanges.size()).clear();
        r.park();
        return false;
    }

    /** The dependencies can never be met: fail or cancel at once, recording why. */
    private static void refuse(Round r, StartDecision.Refuse refuse, PointerMachine machine) {
        WorkflowException error = refuse.error();
        r.instance.failure = new Failure(refuse.reason(), null, 0, error.getClass().getName(), error.getMessage(), r.now);
        r.addError(ErrorRecords.ofInstance(r, error));
        if (refuse.cancel()) {
            machine.cancelInstance(r);
        } else {
            // the first step stays PENDING: a retry of the FAILED instance starts it without waiting again
            r.setStatus(WorkflowStatus.FAILED);
        }
    }

    /** Before any step runs: an instance that has used all its steps fails instead. True when it failed. */
    static boolean stepsSpent(Round r, ResourceLimits limits) {
        if (!limits.stepsSpent(r.instance.stepsExecuted)) {
            return false;
        }
        fail(r, new ResourceLimitExceededException(r.instance.id, "maxSteps", "reached its limit of "
                + limits.maxSteps() + " steps (maxSteps)"));
        return true;
    }

    /** After its steps ran: a RUNNING instance over a limit fails. */
    static void checkAfterRound(Round r, ResourceLimits limits) {
        if (r.instance.status != WorkflowStatus.RUNNING) {
            return;
        }
        long dataSize = limits.maxDataSize() > 0 ? dataSize(r.data) : 0;
        ResourceLimitExceededException exceeded = limits.exceeded(r.instance.id, r.instance.stepsExecuted, dataSize);
        if (exceeded != null) {
            fail(r, exceeded);
        }
    }

    /** Bytes of the data as JSON. */
    static long dataSize(Object data) {
        try {
            return Json.mapper().writeValueAsBytes(data).length;
        } catch (IOException e) {
            throw new UncheckedIOException("workflow data cannot be written as JSON", e);
        }
    }

    /**
     * Fails the instance where it stands: the steps it would run next fail (containers keep waiting for them, as for
     * any failed step), so a retry after the limit was raised goes on from there.
     */
    private static void fail(Round r, ResourceLimitExceededException error) {
        for (ExecutionPointer p : r.instance.pointers) {
            if (p.isActive() && p.status != PointerStatus.WAITING_CHILDREN) {
                if (p.status == PointerStatus.WAITING_EVENT) {
                    r.subscriptionsChanged = true;
                }
                p.status = PointerStatus.FAILED;
                p.endedAt = r.now;
                p.sleepUntil = null;
                p.errorType = error.getClass().getName();
                p.errorMessage = error.getMessage();
            }
        }
        r.instance.failure = new Failure(Failure.RESOURCE_LIMIT, null, 0, error.getClass().getName(), error.getMessage(), r.now);
        r.addError(ErrorRecords.ofInstance(r, error));
        r.setStatus(WorkflowStatus.FAILED);
    }
}
