package io.reactory.workflow.scheduling;

import io.reactory.workflow.config.ScheduleConfig;
import java.time.Instant;
import java.util.List;

/**
 * A schedule and how it stands (the specification's {@code getScheduleStatus} result, {@code IScheduledWorkflow}).
 * A snapshot: it does not change when the schedule does.
 *
 * @param config              the configuration as given
 * @param enabled             {@code schedule.enabled}; a disabled schedule never fires
 * @param paused              paused with {@code pauseSchedule}
 * @param nextFireTime        when it fires next; null when disabled or paused
 * @param lastFireTime        the latest fire time that started or queued a run; null before the first
 * @param lastOutcome         how the latest finished run ended; null before one finished
 * @param lastOutcomeFireTime the fire time of that run
 * @param lastError           the error of the latest failed attempt, or null
 * @param runsInFlight        runs started (or being started, or waiting for a retry) and not finished
 * @param runsWaiting         fire times waiting for a run to finish (overlap buffer, catch-up queue)
 * @param instanceIds         the workflow instances of the runs in flight
 * @param consecutiveFailures runs that failed (all attempts) since the last one that completed
 * @param fired               fire times that started a run, over the schedule's life
 * @param skipped             fire times skipped (missed or overlapping), over the schedule's life
 */
public record ScheduledWorkflow(String scheduleId, String name, String workflowId, String cron, String timezone,
                                ScheduleConfig config, boolean enabled, boolean paused, Instant nextFireTime,
                                Instant lastFireTime, RunOutcome lastOutcome, Instant lastOutcomeFireTime,
                                String lastError, int runsInFlight, int runsWaiting, List<String> instanceIds,
                                int consecutiveFailures, long fired, long skipped) {
    public ScheduledWorkflow {
        instanceIds = List.copyOf(instanceIds);
    }
}
