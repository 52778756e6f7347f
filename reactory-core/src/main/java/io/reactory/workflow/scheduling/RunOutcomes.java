package io.reactory.workflow.scheduling;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.Failure;
import io.reactory.workflow.persistence.ScheduleFire;
import io.reactory.workflow.persistence.ScheduleFire.State;
import io.reactory.workflow.persistence.ScheduleWrite;
import io.reactory.workflow.persistence.StoredSchedule;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens when a run attempt ends: a failed attempt is retried after the schedule's retry delay (a new
 * instance, started durably by the scheduler's timer: no thread waits), or the run ends; the outcome is recorded
 * on the fire record and the schedule, and a queued run starts if there is room for it.
 */
final class RunOutcomes {
    private static final Logger log = LoggerFactory.getLogger(RunOutcomes.class);
    static final Set<State> OPEN = EnumSet.of(State.STARTING, State.RUNNING, State.BUFFERED);
    private static final int WRITE_ATTEMPTS = 8;

    private final SchedulerContext ctx;
    /** Starts a run this node has just claimed (promoted from the queue). */
    private final BiConsumer<ScheduleFire, Schedule> startClaimed;

    RunOutcomes(SchedulerContext ctx, BiConsumer<ScheduleFire, Schedule> startClaimed) {
        this.ctx = ctx;
        this.startClaimed = startClaimed;
    }

    /**
     * The instance of a RUNNING fire record finished (or is gone).
     *
     * @param instance the instance as stored, or null when it no longer exists
     */
    void instanceFinished(ScheduleFire fire, WorkflowInstance instance, Instant now) {
        if (fire.state != State.RUNNING) {
            return;
        }
        if (instance == null) {
            finish(fire, State.CANCELLED, "instance " + fire.instanceId + " no longer exists", now);
            return;
        }
        WorkflowStatus status = instance.status;
        if (status == WorkflowStatus.COMPLETED || status == WorkflowStatus.CLEANING_UP) {
            finish(fire, State.COMPLETED, null, now);
        } else if (status == WorkflowStatus.FAILED) {
            attemptFailed(fire, fire.instanceId, failedRun(instance.failure), now);
        } else if (status == WorkflowStatus.CANCELLED && fire.timedOut) {
            attemptFailed(fire, fire.instanceId, "the run did not finish within the schedule's timeout"
                    + " and was cancelled", now);
        } else if (status == WorkflowStatus.CANCELLED) {
            finish(fire, State.CANCELLED, "the instance was cancelled", now);
        }
    }

    /**
     * What the schedule records about a failed instance: the engine's reason, step and error type. Not the error
     * message: step messages are written by users and may carry workflow data, and they are kept where users look
     * for them, in the instance's error records.
     */
    static String failedRun(Failure failure) {
        if (failure == null) {
            return "the workflow failed";
        }
        StringBuilder error = new StringBuilder("the workflow failed (").append(failure.reason()).append(')');
        if (failure.stepName() != null) {
            error.append(" at step '").append(failure.stepName()).append('\'');
        }
        if (failure.errorType() != null) {
            String type = failure.errorType();
            error.append(": ").append(type.substring(Math.max(type.lastIndexOf('.'), type.lastIndexOf('$')) + 1));
        }
        return SchedulerContext.bounded(error.toString());
    }

    /** An attempt failed: the next one starts after the retry delay, or the run ends FAILED (TIMED_OUT). */
    void attemptFailed(ScheduleFire fire, String instanceId, String error, Instant now) {
        Schedule schedule = currentSchedule(fire.scheduleId);
        if (schedule != null && fire.attempt < schedule.attempts()) {
            ScheduleFire retry = fire.copy();
            retry.state = State.STARTING;
            retry.attempt = fire.attempt + 1;
            retry.instanceId = null;
            retry.owner = null;
            retry.timedOut = false;
            retry.deadline = null;
            retry.error = error;
            retry.attemptStartAt = now.plus(schedule.retryDelay());
            retry.checkAt = retry.attemptStartAt;
            if (ctx.store.write(ScheduleWrite.fire(retry)).committed()) {
                ctx.emit(new SchedulerEvent.AttemptFailed(fire.scheduleId, fire.fireTime, instanceId, fire.attempt,
                        error, retry.attemptStartAt, now));
            }
            return;
        }
        if (finish(fire, fire.timedOut ? State.TIMED_OUT : State.FAILED, error, now)) {
            ctx.emit(new SchedulerEvent.AttemptFailed(fire.scheduleId, fire.fireTime, instanceId, fire.attempt, error,
                    null, now));
        }
    }

    /**
     * Ends a run: the fire record takes its final state, the schedule its last outcome, and queued runs start while
     * {@code maxConcurrent} allows. Compare-and-set, retried when the schedule changed meanwhile.
     *
     * @return false when another node ended the run first
     */
    boolean finish(ScheduleFire fire, State outcome, String error, Instant now) {
        ScheduleFire current = fire;
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            StoredSchedule stored = ctx.store.find(current.scheduleId).orElse(null);
            ScheduleFire done = current.copy();
            done.state = outcome;
            done.finishedAt = now;
            done.checkAt = null;
            done.owner = null;
            done.error = error;
            List<ScheduleFire> updates = new ArrayList<>(2);
            updates.add(done);
            StoredSchedule next = null;
            Schedule schedule = null;
            List<ScheduleFire> promoted = List.of();
            if (stored != null) {
                next = withOutcome(stored, current.fireTime, outcome, error, now);
                schedule = parse(stored);
                if (!stored.paused && schedule != null) {
                    promoted = promote(schedule, current, now);
                    updates.addAll(promoted);
                    next.fired += promoted.size();
                }
            }
            ScheduleWrite.Result result = ctx.store.write(new ScheduleWrite(next, List.of(), updates));
            if (result.committed()) {
                finished(done, outcome, error, now);
                for (int i = 1; i < result.updated().size(); i++) {
                    startClaimed.accept(result.updated().get(i), schedule);
                }
                return true;
            }
            Optional<ScheduleFire> fresh = ctx.store.findFire(current.scheduleId, current.fireTime);
            if (fresh.isEmpty() || fresh.get().state != current.state
                    || !java.util.Objects.equals(fresh.get().instanceId, current.instanceId)) {
                return false;
            }
            current = fresh.get();
        }
        log.warn("could not record the end of {} at {} after {} attempts (the store keeps changing); the next"
                + " reconcile will", fire.scheduleId, fire.fireTime, WRITE_ATTEMPTS);
        return false;
    }

    private StoredSchedule withOutcome(StoredSchedule stored, Instant fireTime, State outcome, String error,
                                       Instant now) {
        StoredSchedule next = stored.copy();
        next.updatedAt = now;
        if (outcome == State.SKIPPED) {
            next.skipped++;
            return next;
        }
        if (stored.lastOutcomeFireTime == null || !fireTime.isBefore(stored.lastOutcomeFireTime)) {
            next.lastOutcome = outcome;
            next.lastOutcomeFireTime = fireTime;
        }
        if (outcome == State.COMPLETED) {
            next.consecutiveFailures = 0;
        } else if (outcome == State.FAILED || outcome == State.TIMED_OUT) {
            next.consecutiveFailures++;
            next.lastError = error;
        }
        return next;
    }

    /** Queued fire records to start now that {@code ending} leaves room, claimed by this node. */
    private List<ScheduleFire> promote(Schedule schedule, ScheduleFire ending, Instant now) {
        List<ScheduleFire> open = ctx.store.findFires(schedule.id(), OPEN, Integer.MAX_VALUE);
        int inFlight = 0;
        for (ScheduleFire f : open) {
            if (f.state.inFlight() && !f.fireTime.equals(ending.fireTime)) {
                inFlight++;
            }
        }
        List<ScheduleFire> promoted = new ArrayList<>();
        for (ScheduleFire f : open) {
            if (inFlight >= schedule.maxConcurrent()) {
                break;
            }
            if (f.state == State.BUFFERED) {
                ScheduleFire claimed = f.copy();
                claimed.state = State.STARTING;
                claimed.owner = ctx.options.nodeId();
                claimed.checkAt = now.plus(ctx.options.claimTimeout());
                claimed.attemptStartAt = now;
                promoted.add(claimed);
                inFlight++;
            }
        }
        return promoted;
    }

    private void finished(ScheduleFire done, State outcome, String error, Instant now) {
        RunOutcome runOutcome = switch (outcome) {
            case COMPLETED -> RunOutcome.COMPLETED;
            case FAILED -> RunOutcome.FAILED;
            case TIMED_OUT -> RunOutcome.TIMED_OUT;
            case SKIPPED -> RunOutcome.SKIPPED;
            default -> RunOutcome.CANCELLED;
        };
        switch (runOutcome) {
            case COMPLETED -> ctx.completed.increment();
            case FAILED, TIMED_OUT -> ctx.failed.increment();
            default -> {
            }
        }
        ctx.emit(new SchedulerEvent.RunFinished(done.scheduleId, done.fireTime, done.instanceId, done.attempt,
                runOutcome, error, now));
    }

    private Schedule currentSchedule(String scheduleId) {
        return ctx.store.find(scheduleId).map(this::parse).orElse(null);
    }

    private Schedule parse(StoredSchedule stored) {
        try {
            return ctx.schedule(stored);
        } catch (InvalidScheduleException e) {
            log.error("the stored configuration of schedule {} is no longer valid: {}", stored.id, e.getMessage());
            return null;
        }
    }
}
