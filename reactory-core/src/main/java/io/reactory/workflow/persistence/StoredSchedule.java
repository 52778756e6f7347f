package io.reactory.workflow.persistence;

import io.reactory.workflow.config.ScheduleConfig;
import java.time.Instant;

/**
 * One schedule as stored: its configuration and the state the scheduler keeps about it. Mutable and owned by
 * whoever holds it; stores keep and hand out copies. Fields are public for the stores and the scheduler; they are
 * not API — users read schedules through {@code io.reactory.workflow.scheduling.ScheduledWorkflow}.
 *
 * <p>Runs in flight and waiting runs are not counted here but derived from the {@link ScheduleFire}s, so the two
 * can never disagree.
 */
public final class StoredSchedule {
    public String id;
    /** The configuration as given (stored as JSON by durable stores). */
    public ScheduleConfig config;
    /** Incremented whenever {@link #config} changes, so nodes can cache what they parsed from it. */
    public long definitionVersion;
    public boolean paused;
    /** The next time it fires; null when it is disabled (or never fires again). Indexed: due schedules are found by it. */
    public Instant nextFireTime;
    /** The latest fire time that started (or queued) a run. */
    public Instant lastFireTime;
    /** How the latest finished run ended, and the fire time it belonged to. */
    public ScheduleFire.State lastOutcome;
    public Instant lastOutcomeFireTime;
    public String lastError;
    /** Runs that failed (all attempts) since the last one that completed. */
    public int consecutiveFailures;
    /** Fire times that started a run, and fire times skipped (misfire, overlap), over the schedule's life. */
    public long fired;
    public long skipped;
    public Instant createdAt;
    public Instant updatedAt;
    /** Incremented by every committed write: writes are compare-and-set on it. */
    public long revision;

    public StoredSchedule copy() {
        StoredSchedule s = new StoredSchedule();
        s.id = id;
        s.config = config;
        s.definitionVersion = definitionVersion;
        s.paused = paused;
        s.nextFireTime = nextFireTime;
        s.lastFireTime = lastFireTime;
        s.lastOutcome = lastOutcome;
        s.lastOutcomeFireTime = lastOutcomeFireTime;
        s.lastError = lastError;
        s.consecutiveFailures = consecutiveFailures;
        s.fired = fired;
        s.skipped = skipped;
        s.createdAt = createdAt;
        s.updatedAt = updatedAt;
        s.revision = revision;
        return s;
    }

    /** True when it takes part in firing: not paused and with a next fire time. */
    public boolean active() {
        return !paused && nextFireTime != null;
    }

    @Override
    public String toString() {
        return "StoredSchedule[" + id + " next=" + nextFireTime + (paused ? " paused" : "") + " rev=" + revision + "]";
    }
}
