package io.reactory.workflow.scheduling;

/** No schedule with the given id exists. */
public class ScheduleNotFoundException extends SchedulingException {
    public ScheduleNotFoundException(String scheduleId) {
        super(scheduleId, "no schedule '" + scheduleId + "' exists");
    }
}
