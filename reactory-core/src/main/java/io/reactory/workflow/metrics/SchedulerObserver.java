package io.reactory.workflow.metrics;

import java.time.Duration;

/**
 * What the Scheduler reports to metrics ({@code reactory.scheduler.*}): each run attempt it starts with its
 * lateness, each fire time it skips (misfires among them), each run that ends. The Scheduler's listener forwards its
 * events here ({@link WorkflowMetrics#scheduler()}); all labels are schedule ids, reasons and outcomes. Thread-safe.
 */
public interface SchedulerObserver {

    /**
     * A run attempt started.
     *
     * @param attempt  1 for the run of a fire time, more for a retry after a failed attempt
     * @param lateness how long after its due time it started (zero or more)
     */
    void fired(String scheduleId, int attempt, Duration lateness);

    /**
     * Fire times got no run.
     *
     * @param reason {@code misfire} (missed, not caught up), {@code catch_up_limit}, {@code overlap}, {@code paused},
     *               {@code removed}
     * @param count  how many fire times
     */
    void skipped(String scheduleId, String reason, int count);

    /**
     * A run (all its attempts) ended.
     *
     * @param outcome {@code completed}, {@code failed}, {@code cancelled}, {@code timed_out}, {@code skipped}
     */
    void runFinished(String scheduleId, String outcome);
}
