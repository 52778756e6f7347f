package io.reactory.workflow.scheduling;

import java.time.Duration;
import java.time.Instant;

/**
 * What the scheduler did, as {@link SchedulerListener}s receive it (metrics, logs, audit). Every event names the
 * schedule, the fire time concerned and when it happened ({@code at}, the scheduler's clock).
 */
public sealed interface SchedulerEvent {
    String scheduleId();

    Instant fireTime();

    Instant at();

    /**
     * A run attempt started.
     *
     * @param lateness how long after its due time it started (the fire time for a first attempt, the retry time
     *                 for a retry)
     */
    record Fired(String scheduleId, Instant fireTime, String instanceId, int attempt, Duration lateness, Instant at)
            implements SchedulerEvent {}

    /**
     * Fire times that got no run.
     *
     * @param fireTime the latest fire time skipped
     * @param first    the earliest fire time skipped
     * @param count    how many (counted up to 1,000)
     */
    record Skipped(String scheduleId, Instant fireTime, Instant first, int count, SkipReason reason, Instant at)
            implements SchedulerEvent {}

    /** A fire time waits for a run of its schedule to finish before it starts. */
    record Buffered(String scheduleId, Instant fireTime, Instant at) implements SchedulerEvent {}

    /**
     * An attempt failed (the workflow failed or timed out, or could not be started).
     *
     * @param instanceId the failed instance, or null when it could not be started
     * @param retryAt    when the next attempt starts, or null when this was the last
     */
    record AttemptFailed(String scheduleId, Instant fireTime, String instanceId, int attempt, String error,
                         Instant retryAt, Instant at) implements SchedulerEvent {}

    /** A run is over: its outcome, after {@code attempts} attempts. */
    record RunFinished(String scheduleId, Instant fireTime, String instanceId, int attempts, RunOutcome outcome,
                       String error, Instant at) implements SchedulerEvent {}

    /** Why fire times were skipped. */
    enum SkipReason {
        /** Missed (downtime) and not caught up under the misfire policy or catch-up window. */
        MISFIRE,
        /** {@code maxConcurrent} runs were in flight and the overlap policy did not queue it. */
        OVERLAP,
        /**
         * More fire times were due at once than {@link SchedulerOptions#catchUpLimit()} (a scheduler busy or paused
         * for longer than the misfire threshold, a very frequent cron): the latest ones ran, the older were skipped.
         */
        CATCH_UP_LIMIT,
        /** It was queued when the schedule was paused. */
        PAUSED,
        /** It was queued (or waiting for a retry) when the schedule was removed. */
        REMOVED
    }
}
