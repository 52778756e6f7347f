package io.reactory.workflow.scheduling;

/**
 * A schedule's configuration is invalid. The message names the schedule, the field (as written in the YAML, e.g.
 * {@code schedule.timezone}) and what is wrong with it.
 */
public class InvalidScheduleException extends SchedulingException {
    private final String field;
    private final String problem;

    public InvalidScheduleException(String scheduleId, String field, String problem) {
        super(scheduleId, (scheduleId == null ? "" : "schedule '" + scheduleId + "': ") + field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    /** The offending field, e.g. {@code schedule.cron}. */
    public String field() {
        return field;
    }

    /** What is wrong with it, without the schedule and field. */
    public String problem() {
        return problem;
    }
}
