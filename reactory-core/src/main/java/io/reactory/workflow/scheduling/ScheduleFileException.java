package io.reactory.workflow.scheduling;

import java.nio.file.Path;

/**
 * A schedule file cannot be read or is invalid. The message names the file, the line (when known) and the field.
 *
 * <pre>
 * config/schedules/daily.yml line 12: schedule.cronn: unknown field (known: cron, timezone, enabled, ...)
 * </pre>
 */
public class ScheduleFileException extends SchedulingException {
    private final Path file;
    private final int line;

    public ScheduleFileException(Path file, int line, String scheduleId, String message, Throwable cause) {
        super(scheduleId, file + (line > 0 ? " line " + line : "") + ": " + message, cause);
        this.file = file;
        this.line = line;
    }

    public Path file() {
        return file;
    }

    /** The 1-based line of the error, or 0 when it is not about one line. */
    public int line() {
        return line;
    }
}
