package io.reactory.workflow.persistence;

import java.time.Instant;

/**
 * One fire time of a schedule and what became of it. The key is (schedule id, fire time) and it is unique in the
 * store: inserting a fire time that exists inserts nothing, which is what makes each fire time start its run once
 * however many nodes fire. Mutable and owned by whoever holds it; stores keep and hand out copies. Not API.
 *
 * <pre>
 * BUFFERED ─(a run finishes, room)─► STARTING ─(workflow started)─► RUNNING ─► COMPLETED
 *                                       ▲                              │   ─► CANCELLED, SKIPPED (buffer dropped)
 *                                       └──(attempt failed, retry)─────┘   ─► FAILED, TIMED_OUT (no attempt left)
 * </pre>
 */
public final class ScheduleFire {

    /** Where a fire time stands. */
    public enum State {
        /** A run attempt is to be started at {@link #checkAt} (by {@link #owner} while its claim lasts). */
        STARTING,
        /** The attempt's workflow instance {@link #instanceId} is in flight. */
        RUNNING,
        /** Waiting for a run of the schedule to finish (overlap buffer, catch-up queue). */
        BUFFERED,
        COMPLETED,
        FAILED,
        CANCELLED,
        /** The last attempt ran past the schedule's timeout and was cancelled. */
        TIMED_OUT,
        /** It was waiting in the buffer when the schedule was paused or removed. */
        SKIPPED;

        /** STARTING or RUNNING: counts against {@code maxConcurrent}. */
        public boolean inFlight() {
            return this == STARTING || this == RUNNING;
        }

        public boolean finished() {
            return ordinal() >= COMPLETED.ordinal();
        }
    }

    public String scheduleId;
    public Instant fireTime;
    public State state;
    /** The current attempt, from 1. */
    public int attempt;
    /** The current attempt's workflow instance, once started. */
    public String instanceId;
    /** The node that claimed a STARTING fire; null when unclaimed. */
    public String owner;
    /** When the scheduler must next look at it (start it, check its timeout, reconcile); null when only an event moves it. Indexed. */
    public Instant checkAt;
    /** When the current attempt starts or started. */
    public Instant attemptStartAt;
    /** When the current attempt times out; null without a timeout. */
    public Instant deadline;
    /** The scheduler cancelled the current attempt because of its timeout. */
    public boolean timedOut;
    /** The last attempt's failure, without workflow data. */
    public String error;
    public Instant createdAt;
    public Instant finishedAt;
    /** Incremented by every committed write: writes are compare-and-set on it. */
    public long revision;

    public ScheduleFire copy() {
        ScheduleFire f = new ScheduleFire();
        f.scheduleId = scheduleId;
        f.fireTime = fireTime;
        f.state = state;
        f.attempt = attempt;
        f.instanceId = instanceId;
        f.owner = owner;
        f.checkAt = checkAt;
        f.attemptStartAt = attemptStartAt;
        f.deadline = deadline;
        f.timedOut = timedOut;
        f.error = error;
        f.createdAt = createdAt;
        f.finishedAt = finishedAt;
        f.revision = revision;
        return f;
    }

    @Override
    public String toString() {
        return "ScheduleFire[" + scheduleId + "@" + fireTime + " " + state + " #" + attempt
                + (instanceId == null ? "" : " " + instanceId) + " rev=" + revision + "]";
    }
}
