package io.reactory.workflow.config.internal;

import io.reactory.workflow.config.CronSyntax;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.scheduling.Schedule;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Binds and checks one {@code schedules/*.yml} tree (the specification's schedule configuration). */
public final class ScheduleConfigBinder {
    public static final List<String> MISFIRE = List.of("fire-once", "fire-all", "skip");
    public static final List<String> OVERLAP = List.of("skip", "buffer-one", "allow");
    public static final List<String> DST_GAP = List.of("shift", "skip");
    public static final List<String> DST_OVERLAP = List.of("first", "both");

    private ScheduleConfigBinder() {}

    public static ScheduleConfig bind(YNode root, Problems problems) {
        Fields f = Fields.of(root, "", problems);
        String id = WorkflowConfigBinder.id(f, "id", true);
        String name = f.string("name", false);
        String description = f.string("description", false);
        ScheduleConfig.WorkflowRef workflow = workflow(f.object("workflow", true));
        ScheduleConfig.Timing timing = timing(f.object("schedule", true));
        var properties = f.plainMap("properties");
        ScheduleConfig.Retry retry = retry(f.object("retry", false));
        Long timeout = f.integer("timeout", false, 1, Schedule.MAX_TIMEOUT.toSeconds());
        Integer maxConcurrent = f.smallInteger("maxConcurrent", false, 1, 10_000);
        f.finish();
        return new ScheduleConfig(id, name, description, workflow, timing, properties, retry, timeout, maxConcurrent);
    }

    private static ScheduleConfig.WorkflowRef workflow(Fields f) {
        if (f == null) {
            return null;
        }
        String id = WorkflowConfigBinder.id(f, "id", true);
        String version = WorkflowConfigBinder.version(f, "version");
        String nameSpace = WorkflowConfigBinder.id(f, "nameSpace", false);
        f.finish();
        return new ScheduleConfig.WorkflowRef(id, version, nameSpace);
    }

    private static ScheduleConfig.Timing timing(Fields f) {
        if (f == null) {
            return null;
        }
        String cron = f.string("cron", true);
        if (cron != null) {
            CronSyntax.Error error = CronSyntax.check(cron);
            if (error != null) {
                YNode.Origin at = f.at("cron");
                YNode.YScalar scalar = (YNode.YScalar) f.node("cron");
                int shift = scalar.quoted() ? 1 : 0;
                f.problems().error(new YNode.Origin(at.file(), at.line(), at.column() + shift + error.offset()),
                        f.path("cron"), error.message());
                cron = null;
            }
        }
        String timezone = f.string("timezone", false);
        if (timezone != null) {
            try {
                ZoneId.of(timezone);
            } catch (DateTimeException e) {
                f.problems().error(f.at("timezone"), f.path("timezone"), "unknown time zone '"
                        + Fields.abbreviate(timezone) + "'" + Suggestions.didYouMean(timezone, ZoneId.getAvailableZoneIds()));
                timezone = null;
            }
        }
        Boolean enabled = f.bool("enabled");
        String misfire = f.choice("misfire", false, MISFIRE);
        String window = f.string("catchUpWindow", false);
        if (window != null) {
            try {
                Duration parsed = Duration.parse(window);
                if (parsed.isNegative()) {
                    f.problems().error(f.at("catchUpWindow"), f.path("catchUpWindow"), "must not be negative");
                } else if (parsed.compareTo(Schedule.MAX_CATCH_UP_WINDOW) > 0) {
                    f.problems().error(f.at("catchUpWindow"), f.path("catchUpWindow"),
                            "must be at most 10 years (" + Schedule.MAX_CATCH_UP_WINDOW + ")");
                }
            } catch (DateTimeParseException e) {
                f.problems().error(f.at("catchUpWindow"), f.path("catchUpWindow"),
                        "must be an ISO-8601 duration such as PT6H but is '" + Fields.abbreviate(window) + "'");
                window = null;
            }
        }
        String overlap = f.choice("overlap", false, OVERLAP);
        String dstGap = f.choice("dstGap", false, DST_GAP);
        String dstOverlap = f.choice("dstOverlap", false, DST_OVERLAP);
        f.finish();
        return new ScheduleConfig.Timing(cron, timezone, enabled, misfire, window, overlap, dstGap, dstOverlap);
    }

    private static ScheduleConfig.Retry retry(Fields f) {
        if (f == null) {
            return null;
        }
        Integer attempts = f.smallInteger("attempts", false, 1, 100);
        Long delay = f.integer("delay", false, 0, Schedule.MAX_RETRY_DELAY.toSeconds());
        f.finish();
        return new ScheduleConfig.Retry(attempts, delay);
    }
}
