package io.reactory.server.http;

import io.reactory.workflow.config.CronSyntax;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.scheduling.DstGapPolicy;
import io.reactory.workflow.scheduling.DstOverlapPolicy;
import io.reactory.workflow.scheduling.FireTimes;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The next fire times of a schedule's timing, computed exactly as the Scheduler fires it: its cron dialect, its time
 * zone and its DST policies ({@link FireTimes}).
 */
final class CronPreview {
    private CronPreview() {}

    /**
     * @throws IllegalArgumentException naming the cron field, time zone or DST policy that is wrong
     */
    static List<Instant> next(ScheduleConfig.Timing timing, Instant after, int count) {
        if (timing == null || timing.cron() == null) {
            throw new IllegalArgumentException("'schedule.cron' is required");
        }
        FireTimes times = new FireTimes(CronSyntax.parse(timing.cron()), zone(timing.timezone()),
                DstGapPolicy.parse(timing.dstGap()), DstOverlapPolicy.parse(timing.dstOverlap()));
        List<Instant> out = new ArrayList<>(count);
        Instant cursor = after;
        while (out.size() < count) {
            Optional<Instant> next = times.next(cursor);
            if (next.isEmpty()) {
                break;
            }
            cursor = next.get();
            out.add(cursor);
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
