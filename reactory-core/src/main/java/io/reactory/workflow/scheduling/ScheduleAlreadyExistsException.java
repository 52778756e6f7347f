package io.reactory.workflow.scheduling;

/** {@code addSchedule} was given an id that another schedule already has; use {@code updateSchedule} to change it. */
public class ScheduleAlreadyExistsException extends SchedulingException {
    public ScheduleAlreadyExistsException(String scheduleId) {
        super(scheduleId, "a schedule '" + scheduleId + "' already exists");
    }
}
