package io.reactory.workflow.scheduling;

/** How a scheduled run (all its attempts) ended. */
public enum RunOutcome {
    /** The workflow completed. */
    COMPLETED,
    /** Every attempt failed (or could not start). */
    FAILED,
    /** The instance was cancelled (by a user, not by the schedule's timeout); not retried. */
    CANCELLED,
    /** The last attempt ran past the schedule's {@code timeout} and was cancelled. */
    TIMED_OUT,
    /** The run was waiting to start when its schedule was paused or removed. */
    SKIPPED
}
