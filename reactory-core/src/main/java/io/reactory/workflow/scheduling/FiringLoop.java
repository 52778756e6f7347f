package io.reactory.workflow.scheduling;

import io.reactory.workflow.api.WorkflowException;
import io.reactory.workflow.persistence.ScheduleFire;
import io.reactory.workflow.persistence.ScheduleFire.State;
import io.reactory.workflow.persistence.ScheduleWrite;
import io.reactory.workflow.persistence.StoredSchedule;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass of the scheduler over what is due: ends of runs reported by the engine, schedules whose fire time has
 * come, and fire records whose check time has come (starts, retries, claims of dead nodes, timeouts, reconciles).
 * Runs on the scheduler's timer thread, or on the test's thread in manual mode; never on two threads at once.
 */
final class FiringLoop {
    private static final Logger log = LoggerFactory.getLogger(FiringLoop.class);
    /** A schedule or fire record whose handling threw is left alone this long (on this node). */
    private static final Duration BACK_OFF = Duration.ofSeconds(10);
    private static final Duration PRUNE_INTERVAL = Duration.ofMinutes(10);

    private final SchedulerContext ctx;
    private final RunStarter starter;
    private final RunOutcomes outcomes;
    private final FinishNotices notices;
    private final Map<String, Instant> backedOff = new HashMap<>();
    private Instant lastPrune;
    private Instant lastRefresh;

    FiringLoop(SchedulerContext ctx, RunStarter starter, RunOutcomes outcomes) {
        this.ctx = ctx;
        this.starter = starter;
        this.outcomes = outcomes;
        this.notices = new FinishNotices(ctx);
    }

    /**
     * The engine reports that an instance finished (any thread).
     *
     * @return true when it may be a scheduled run, so the loop should look soon
     */
    boolean instanceFinished(String instanceId, String workflowId) {
        return notices.offer(instanceId, workflowId);
    }

    /** @return true when it changed something (another pass may find more to do) */
    boolean runOnce() {
        Instant now = ctx.clock.instant();
        // Due fire times first: their lateness is what users see; the rest waits while more fire times are due.
        int due = fireDueSchedules(now);
        if (due >= ctx.options.batchSize()) {
            return true;
        }
        boolean worked = due > 0;
        worked |= handleDueFires(now);
        worked |= drainFinished(now);
        housekeeping(now);
        return worked;
    }

    private boolean drainFinished(Instant now) {
        boolean worked = false;
        for (String id : notices.drain()) {
            Optional<ScheduleFire> fire = ctx.store.findFireByInstance(id);
            if (fire.isPresent() && fire.get().state == State.RUNNING && id.equals(fire.get().instanceId)) {
                outcomes.instanceFinished(fire.get(), ctx.instances.find(id).orElse(null), now);
                worked = true;
            }
        }
        return worked;
    }

    /** @return how many due schedules it handled (fired, or found fired by another node) */
    private int fireDueSchedules(Instant now) {
        List<StoredSchedule> due = new ArrayList<>(ctx.store.findDue(now, ctx.options.batchSize()));
        // Several nodes see the same due schedules: each takes them in its own order, so they rarely collide.
        Collections.shuffle(due);
        int handled = 0;
        for (StoredSchedule stored : due) {
            if (isBackedOff(stored.id, now)) {
                continue;
            }
            try {
                fire(stored, now);
                handled++;
            } catch (RuntimeException e) {
                log.error("schedule {} could not fire; retrying in {}", stored.id, BACK_OFF, e);
                backedOff.put(stored.id, now.plus(BACK_OFF));
            }
        }
        return handled;
    }

    /** Plans and commits one due schedule, then starts what the plan started. */
    private boolean fire(StoredSchedule stored, Instant now) {
        Schedule schedule = ctx.schedule(stored);
        List<ScheduleFire> open = ctx.store.findFires(stored.id, RunOutcomes.OPEN, Integer.MAX_VALUE);
        if (reconcileWhenFull(schedule, open, now)) {
            Optional<StoredSchedule> fresh = ctx.store.find(stored.id);
            if (fresh.isEmpty() || !fresh.get().active()) {
                return true;
            }
            stored = fresh.get();
            schedule = ctx.schedule(stored);
            open = ctx.store.findFires(stored.id, RunOutcomes.OPEN, Integer.MAX_VALUE);
        }
        FirePlanner.Plan plan = FirePlanner.plan(schedule, stored, open, now, ctx.options);
        StoredSchedule next = stored.copy();
        next.nextFireTime = plan.nextFireTime();
        next.updatedAt = now;
        next.skipped += plan.skippedCount();
        List<ScheduleFire> inserts = new ArrayList<>(plan.start().size() + plan.buffer().size());
        for (Instant t : plan.start()) {
            inserts.add(newFire(stored.id, t, State.STARTING, now));
        }
        for (Instant t : plan.buffer()) {
            inserts.add(newFire(stored.id, t, State.BUFFERED, now));
        }
        for (ScheduleFire f : inserts) {
            next.lastFireTime = next.lastFireTime == null || f.fireTime.isAfter(next.lastFireTime) ? f.fireTime : next.lastFireTime;
        }
        next.fired += plan.start().size() + plan.promote().size();
        List<ScheduleFire> promoted = new ArrayList<>(plan.promote().size());
        for (ScheduleFire f : plan.promote()) {
            promoted.add(claim(f, now));
        }
        ScheduleWrite.Result result = ctx.store.write(new ScheduleWrite(next, inserts, promoted));
        if (!result.committed()) {
            return false;
        }
        for (FirePlanner.Skip skip : plan.skips()) {
            ctx.skipped.add(skip.count());
            ctx.emit(new SchedulerEvent.Skipped(stored.id, skip.last(), skip.first(), skip.count(), skip.reason(), now));
        }
        for (ScheduleFire f : result.inserted()) {
            if (f.state == State.BUFFERED) {
                ctx.emit(new SchedulerEvent.Buffered(f.scheduleId, f.fireTime, now));
            }
        }
        for (ScheduleFire f : result.updated()) {
            starter.start(f, schedule);
        }
        for (ScheduleFire f : result.inserted()) {
            if (f.state == State.STARTING) {
                starter.start(f, schedule);
            }
        }
        return true;
    }

    /**
     * At {@code maxConcurrent}, makes sure the runs counted in flight really are: one whose end was not reported
     * (its node died, or runs no scheduler) would otherwise hold its slot until the next reconcile.
     */
    private boolean reconcileWhenFull(Schedule schedule, List<ScheduleFire> open, Instant now) {
        long inFlight = open.stream().filter(f -> f.state.inFlight()).count();
        if (inFlight < schedule.maxConcurrent()) {
            return false;
        }
        boolean changed = false;
        for (ScheduleFire f : open) {
            if (f.state == State.RUNNING) {
                Optional<WorkflowInstance> instance = ctx.instances.find(f.instanceId);
                if (instance.isEmpty() || instance.get().status.isFinished()) {
                    outcomes.instanceFinished(f, instance.orElse(null), now);
                    changed = true;
                }
            }
        }
        return changed;
    }

    private ScheduleFire newFire(String scheduleId, Instant fireTime, State state, Instant now) {
        ScheduleFire f = new ScheduleFire();
        f.scheduleId = scheduleId;
        f.fireTime = fireTime;
        f.state = state;
        f.attempt = 1;
        f.createdAt = now;
        if (state == State.STARTING) {
            f.owner = ctx.options.nodeId();
            f.checkAt = now.plus(ctx.options.claimTimeout());
            f.attemptStartAt = now;
        }
        return f;
    }

    private ScheduleFire claim(ScheduleFire buffered, Instant now) {
        ScheduleFire f = buffered.copy();
        f.state = State.STARTING;
        f.owner = ctx.options.nodeId();
        f.checkAt = now.plus(ctx.options.claimTimeout());
        f.attemptStartAt = now;
        return f;
    }

    private boolean handleDueFires(Instant now) {
        boolean worked = false;
        for (ScheduleFire fire : ctx.store.findFiresDue(now, ctx.options.batchSize())) {
            String key = fire.scheduleId + "@" + fire.fireTime;
            if (isBackedOff(key, now)) {
                continue;
            }
            try {
                worked |= switch (fire.state) {
                    case STARTING -> starter.claimAndStart(fire, now);
                    case RUNNING -> checkRunning(fire, now);
                    default -> clearCheck(fire);
                };
            } catch (RuntimeException e) {
                log.error("the run of {} at {} could not be handled; retrying in {}", fire.scheduleId, fire.fireTime,
                        BACK_OFF, e);
                backedOff.put(key, now.plus(BACK_OFF));
            }
        }
        return worked;
    }

    /** A running attempt at its deadline or reconcile time: finished, timed out, or still going. */
    private boolean checkRunning(ScheduleFire fire, Instant now) {
        Optional<WorkflowInstance> instance = ctx.instances.find(fire.instanceId);
        if (instance.isEmpty() || instance.get().status.isFinished()) {
            outcomes.instanceFinished(fire, instance.orElse(null), now);
            return true;
        }
        ScheduleFire next = fire.copy();
        boolean timeout = fire.deadline != null && !fire.timedOut && !now.isBefore(fire.deadline);
        if (timeout) {
            next.timedOut = true;
        }
        next.checkAt = RunStarter.nextCheck(next, now, ctx.options.reconcileInterval());
        if (!ctx.store.write(ScheduleWrite.fire(next)).committed()) {
            return false;
        }
        if (timeout) {
            log.info("the run of {} at {} (instance {}) passed its timeout; cancelling it", fire.scheduleId,
                    fire.fireTime, fire.instanceId);
            try {
                ctx.runner.cancelWorkflow(fire.instanceId);
            } catch (WorkflowException e) {
                log.debug("could not cancel instance {}: {}", fire.instanceId, e.toString());
            }
        }
        return true;
    }

    private boolean clearCheck(ScheduleFire fire) {
        ScheduleFire next = fire.copy();
        next.checkAt = null;
        return ctx.store.write(ScheduleWrite.fire(next)).committed();
    }

    private boolean isBackedOff(String key, Instant now) {
        Instant until = backedOff.get(key);
        if (until == null) {
            return false;
        }
        if (now.isBefore(until)) {
            return true;
        }
        backedOff.remove(key);
        return false;
    }

    /** Forgets old run records and relearns which workflows are scheduled (schedules added on other nodes). */
    private void housekeeping(Instant now) {
        if (lastRefresh == null || !now.isBefore(lastRefresh.plus(ctx.options.reconcileInterval()))) {
            lastRefresh = now;
            notices.refresh();
            notices.forgetUnscheduled();
        }
        if (lastPrune == null || !now.isBefore(lastPrune.plus(PRUNE_INTERVAL))) {
            lastPrune = now;
            int pruned = ctx.store.pruneFires(now.minus(ctx.options.fireRetention()), 10_000);
            if (pruned > 0) {
                log.debug("pruned {} records of finished scheduled runs", pruned);
            }
        }
    }

    void refreshScheduledWorkflows() {
        notices.refresh();
    }
}
