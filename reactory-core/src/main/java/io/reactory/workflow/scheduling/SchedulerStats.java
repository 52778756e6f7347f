package io.reactory.workflow.scheduling;

import java.time.Duration;
import java.time.Instant;

/**
 * Scheduler-wide figures (the specification's {@code getSchedulerStats}). The schedule counts and runs come from the
 * store (all nodes); the counters since start are this node's.
 *
 * @param schedules       schedules in the store
 * @param active          enabled and not paused
 * @param paused          paused with {@code pauseSchedule}
 * @param disabled        {@code schedule.enabled: false}
 * @param runsInFlight    scheduled runs started (or starting, or waiting for a retry) and not finished
 * @param runsWaiting     fire times waiting for a run to finish
 * @param nextFireTime    the nearest fire time of any active schedule, or null
 * @param fired           runs this node started for a fire time (first attempts)
 * @param retried         further attempts this node started after a failure
 * @param skipped         fire times this node skipped (missed or overlapping)
 * @param completed       runs this node saw complete
 * @param failed          runs this node saw fail after their last attempt (timeouts included)
 * @param maxLateness     the largest delay between a fire time and the start of its run on this node
 */
public record SchedulerStats(int schedules, int active, int paused, int disabled, long runsInFlight, long runsWaiting,
                             Instant nextFireTime, long fired, long retried, long skipped, long completed, long failed,
                             Duration maxLateness) {}
