package io.reactory.workflow.scheduling;

import io.reactory.workflow.api.WorkflowException;

/** Root of the scheduler's exceptions; carries the id of the schedule concerned (null when there is none yet). */
public class SchedulingException extends WorkflowException {
    private final String scheduleId;

    public SchedulingException(String scheduleId, String message) {
        super(message);
        this.scheduleId = scheduleId;
    }

    public SchedulingException(String scheduleId, String message, Throwable cause) {
        super(message, cause);
        this.scheduleId = scheduleId;
    }

    /** The schedule concerned, or null. */
    public String scheduleId() {
        return scheduleId;
    }
}
