package io.reactory.server.http;

import com.cronutils.model.time.ExecutionTime;
import io.reactory.workflow.config.CronSyntax;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The next fire times of a cron expression in a time zone, computed with cron-utils: what
 * {@link ScheduleService#preview} does unless the scheduler supplies its own (with its DST policies).
 */
final class CronPreview {
    private CronPreview() {}

    /**
     * @throws IllegalArgumentException naming the cron field or the time zone that is wrong
     */
    static List<Instant> next(String cron, String timezone, Instant after, int count) {
        ZoneId zone = zone(timezone);
        ExecutionTime times = ExecutionTime.forCron(CronSyntax.parse(cron));
        List<Instant> out = new ArrayList<>(count);
        ZonedDateTime cursor = after.atZone(zone);
        while (out.size() < count) {
            Optional<ZonedDateTime> next = times.nextExecution(cursor);
            if (next.isEmpty()) {
                break;
            }
            cursor = next.get();
            out.add(cursor.toInstant());
        }
        return out;
    }

    /** The zone a schedule names; UTC when it names none. */
    static ZoneId zone(String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("time zone '" + Requests.cut(timezone, 60)
                    + "' is not known; use a region such as Europe/London or UTC");
        }
    }
}
