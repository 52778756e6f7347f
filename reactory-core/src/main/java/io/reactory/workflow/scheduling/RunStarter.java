package io.reactory.workflow.scheduling;

import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.persistence.ScheduleFire;
import io.reactory.workflow.persistence.ScheduleWrite;
import io.reactory.workflow.persistence.StoredSchedule;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts run attempts. A fire record is claimed first (STARTING, this node as owner, until the claim timeout), then
 * the workflow is started through {@link io.reactory.workflow.api.WorkflowRunner#startWorkflow} with an idempotency
 * key made of schedule id, fire time and attempt, then the record says RUNNING. A node that dies in between leaves
 * a claim that expires; the node that takes it over starts with the same key and so gets the same instance: one
 * instance per fire time and attempt, whatever fails.
 */
final class RunStarter {
    private static final Logger log = LoggerFactory.getLogger(RunStarter.class);
    /** Metadata keys on scheduled instances, so a run can be traced back to its schedule and fire time. */
    static final String SCHEDULE_ID = "reactory.scheduleId";
    static final String FIRE_TIME = "reactory.fireTime";
    static final String ATTEMPT = "reactory.attempt";

    private final SchedulerContext ctx;
    private final RunOutcomes outcomes;

    RunStarter(SchedulerContext ctx, RunOutcomes outcomes) {
        this.ctx = ctx;
        this.outcomes = outcomes;
    }

    /** The idempotency key of one attempt of one fire time. */
    static String idempotencyKey(String scheduleId, Instant fireTime, int attempt) {
        return "schedule:" + scheduleId + "@" + fireTime + "#" + attempt;
    }

    /** Claims a STARTING fire record that is due (unclaimed, or its claim expired) and starts it. */
    boolean claimAndStart(ScheduleFire fire, Instant now) {
        Optional<StoredSchedule> stored = ctx.store.find(fire.scheduleId);
        if (stored.isEmpty()) {
            outcomes.finish(fire, ScheduleFire.State.SKIPPED, "the schedule was removed before the run started", now);
            return true;
        }
        Schedule schedule = ctx.schedule(stored.get());
        ScheduleFire claimed = fire.copy();
        claimed.owner = ctx.options.nodeId();
        claimed.checkAt = now.plus(ctx.options.claimTimeout());
        ScheduleWrite.Result result = ctx.store.write(ScheduleWrite.fire(claimed));
        if (!result.committed()) {
            return false;
        }
        if (fire.owner != null && !fire.owner.equals(ctx.options.nodeId())) {
            log.info("taking over the start of {} at {} (attempt {}) from node {}, whose claim expired",
                    fire.scheduleId, fire.fireTime, fire.attempt, fire.owner);
        }
        start(result.updated().get(0), schedule);
        return true;
    }

    /** Starts the attempt of a STARTING fire record this node holds the claim of (as stored). */
    void start(ScheduleFire fire, Schedule schedule) {
        String instanceId;
        try {
            instanceId = ctx.runner.startWorkflow(schedule.workflowId(), schedule.workflowVersion(),
                    schedule.properties(), options(schedule, fire));
        } catch (RuntimeException e) {
            Instant now = ctx.clock.instant();
            log.warn("schedule {} could not start workflow {} for {} (attempt {}): {}", fire.scheduleId,
                    schedule.workflowId(), fire.fireTime, fire.attempt, e.toString());
            outcomes.attemptFailed(fire, null, "could not start: " + SchedulerContext.describe(e), now);
            return;
        }
        Instant now = ctx.clock.instant();
        ScheduleFire running = fire.copy();
        running.state = ScheduleFire.State.RUNNING;
        running.instanceId = instanceId;
        running.owner = null;
        running.attemptStartAt = now;
        running.deadline = schedule.timeout() == null ? null : now.plus(schedule.timeout());
        running.checkAt = nextCheck(running, now, ctx.options.reconcileInterval());
        ScheduleWrite.Result result = ctx.store.write(ScheduleWrite.fire(running));
        if (!result.committed()) {
            // Our claim expired and another node took the start over; its start returned this same instance.
            log.info("the start of {} at {} was taken over by another node", fire.scheduleId, fire.fireTime);
            return;
        }
        ScheduleFire stored = result.updated().get(0);
        Duration lateness = Duration.between(fire.attempt == 1 ? fire.fireTime : fire.attemptStartAt, now);
        (fire.attempt == 1 ? ctx.fired : ctx.retried).increment();
        ctx.recordLateness(lateness);
        ctx.emit(new SchedulerEvent.Fired(fire.scheduleId, fire.fireTime, instanceId, fire.attempt, lateness, now));
        // A quick workflow may have finished before its record said RUNNING, and its end been reported meanwhile.
        Optional<WorkflowInstance> instance = ctx.instances.find(instanceId);
        if (instance.isEmpty() || instance.get().status.isFinished()) {
            outcomes.instanceFinished(stored, instance.orElse(null), now);
        }
    }

    private static StartOptions options(Schedule schedule, ScheduleFire fire) {
        return StartOptions.DEFAULT
                .withIdempotencyKey(idempotencyKey(schedule.id(), fire.fireTime, fire.attempt))
                .withNamespace(schedule.namespace())
                .withMetadata(Map.of(SCHEDULE_ID, schedule.id(), FIRE_TIME, fire.fireTime.toString(),
                        ATTEMPT, Integer.toString(fire.attempt)));
    }

    /** When a running attempt is looked at next: its deadline, or the reconcile interval, whichever is first. */
    static Instant nextCheck(ScheduleFire running, Instant now, Duration reconcileInterval) {
        Instant reconcile = now.plus(reconcileInterval);
        return running.deadline != null && !running.timedOut && running.deadline.isBefore(reconcile)
                ? running.deadline : reconcile;
    }
}
