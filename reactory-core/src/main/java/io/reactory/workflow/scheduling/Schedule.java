package io.reactory.workflow.scheduling;

import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.definition.WorkflowVersion;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A schedule as the scheduler runs it: a {@link ScheduleConfig} validated, with its defaults applied and its cron
 * expression and time zone parsed. Built with {@link #from(ScheduleConfig)}; immutable and thread-safe.
 *
 * <p>Defaults: time zone UTC; enabled; one attempt (no retry) with no delay; no timeout; {@code maxConcurrent} 1
 * (unbounded with {@code overlap: allow}); misfire {@code fire-once} with no catch-up window (any missed time
 * counts); overlap {@code skip}; DST gap {@code shift}; DST overlap {@code first}.
 */
public final class Schedule {
    /** Ids appear in URLs and idempotency keys: letters, digits, {@code . _ - :}, at most 100 characters. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    private static final Instant NEVER_FIRES_PROBE = Instant.parse("2000-01-01T00:00:00Z");
    /*
     * Upper bounds, the same whether a schedule comes from YAML or through the API: far beyond any real use, and far
     * below what makes the scheduler's Instant arithmetic (fire time + window, start + timeout) overflow and wedge
     * the schedule.
     */
    /** Longest {@code timeout}: 366 days. */
    public static final Duration MAX_TIMEOUT = Duration.ofDays(366);
    /** Longest {@code retry.delay}: 7 days. */
    public static final Duration MAX_RETRY_DELAY = Duration.ofDays(7);
    /** Longest {@code schedule.catchUpWindow}: 10 years (3,660 days). */
    public static final Duration MAX_CATCH_UP_WINDOW = Duration.ofDays(3660);

    private final ScheduleConfig config;
    private final String id;
    private final String workflowId;
    private final String workflowVersion;
    private final FireTimes fireTimes;
    private final int attempts;
    private final Duration retryDelay;
    private final Duration timeout;
    private final int maxConcurrent;
    private final MisfirePolicy misfire;
    private final Duration catchUpWindow;
    private final OverlapPolicy overlap;

    private Schedule(ScheduleConfig config, FireTimes fireTimes, int attempts, Duration retryDelay, Duration timeout,
                     int maxConcurrent, MisfirePolicy misfire, Duration catchUpWindow, OverlapPolicy overlap) {
        this.config = config;
        this.id = config.id();
        this.workflowId = config.workflow().id();
        this.workflowVersion = config.workflow().version();
        this.fireTimes = fireTimes;
        this.attempts = attempts;
        this.retryDelay = retryDelay;
        this.timeout = timeout;
        this.maxConcurrent = maxConcurrent;
        this.misfire = misfire;
        this.catchUpWindow = catchUpWindow;
        this.overlap = overlap;
    }

    /**
     * Validates a configuration.
     *
     * @throws InvalidScheduleException naming the schedule, the field as the YAML writes it, and the problem
     *         ({@link InvalidCronExpressionException} for the cron expression, with the position of the error)
     */
    public static Schedule from(ScheduleConfig config) {
        if (config == null) {
            throw new InvalidScheduleException(null, "(schedule)", "a schedule configuration is required");
        }
        String id = config.id();
        if (id == null || id.isBlank()) {
            throw new InvalidScheduleException(null, "id", "is required");
        }
        if (!ID.matcher(id).matches()) {
            throw new InvalidScheduleException(id, "id", "must be 1 to 100 letters, digits or . _ - : (starting with a"
                    + " letter or digit)");
        }
        if (config.workflow() == null || config.workflow().id() == null || config.workflow().id().isBlank()) {
            throw new InvalidScheduleException(id, "workflow.id", "is required");
        }
        if (config.workflow().version() != null) {
            try {
                WorkflowVersion.parse(config.workflow().version());
            } catch (IllegalArgumentException e) {
                throw new InvalidScheduleException(id, "workflow.version", e.getMessage());
            }
        }
        ScheduleConfig.Timing timing = config.schedule();
        if (timing == null || timing.cron() == null) {
            throw new InvalidScheduleException(id, "schedule.cron", "is required");
        }
        CronExpression cron;
        try {
            cron = CronExpression.parse(timing.cron());
        } catch (InvalidCronExpressionException e) {
            throw e.forSchedule(id);
        }
        ZoneId zone = zone(id, timing.timezone());
        FireTimes fireTimes = new FireTimes(cron, zone,
                policy(id, "schedule.dstGap", () -> DstGapPolicy.parse(timing.dstGap())),
                policy(id, "schedule.dstOverlap", () -> DstOverlapPolicy.parse(timing.dstOverlap())));
        if (fireTimes.next(NEVER_FIRES_PROBE).isEmpty()) {
            throw new InvalidScheduleException(id, "schedule.cron", "'" + timing.cron() + "' never fires");
        }
        MisfirePolicy misfire = policy(id, "schedule.misfire", () -> MisfirePolicy.parse(timing.misfire()));
        OverlapPolicy overlap = policy(id, "schedule.overlap", () -> OverlapPolicy.parse(timing.overlap()));
        Duration window = window(id, timing.catchUpWindow());

        ScheduleConfig.Retry retry = config.retry();
        int attempts = retry == null || retry.attempts() == null ? 1 : retry.attempts();
        if (attempts < 1) {
            throw new InvalidScheduleException(id, "retry.attempts", "must be at least 1 (attempts in all, the first"
                    + " included) but was " + attempts);
        }
        Duration delay = retry == null || retry.delay() == null ? Duration.ZERO : retry.delayDuration();
        if (delay.isNegative()) {
            throw new InvalidScheduleException(id, "retry.delay", "must not be negative but was " + retry.delay());
        }
        if (delay.compareTo(MAX_RETRY_DELAY) > 0) {
            throw new InvalidScheduleException(id, "retry.delay", "must be at most " + MAX_RETRY_DELAY.toSeconds()
                    + " seconds (7 days) but was " + retry.delay());
        }
        Duration timeout = config.timeout();
        if (timeout != null && (timeout.isZero() || timeout.isNegative())) {
            throw new InvalidScheduleException(id, "timeout", "must be a positive number of seconds but was "
                    + config.timeoutSeconds());
        }
        if (timeout != null && timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new InvalidScheduleException(id, "timeout", "must be at most " + MAX_TIMEOUT.toSeconds()
                    + " seconds (366 days) but was " + config.timeoutSeconds());
        }
        Integer max = config.maxConcurrent();
        if (max != null && max < 1) {
            throw new InvalidScheduleException(id, "maxConcurrent", "must be at least 1 but was " + max);
        }
        int maxConcurrent = max != null ? max : overlap == OverlapPolicy.ALLOW ? Integer.MAX_VALUE : 1;
        return new Schedule(config, fireTimes, attempts, delay, timeout, maxConcurrent, misfire, window, overlap);
    }

    private static ZoneId zone(String id, String timezone) {
        if (timezone == null || timezone.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone.trim());
        } catch (DateTimeException e) {
            throw new InvalidScheduleException(id, "schedule.timezone", "unknown time zone '" + timezone
                    + "' (use a region such as Europe/London, or UTC)");
        }
    }

    private static Duration window(String id, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        Duration window;
        try {
            window = text.trim().chars().allMatch(Character::isDigit)
                    ? Duration.ofSeconds(Long.parseLong(text.trim()))
                    : Duration.parse(text.trim());
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            throw new InvalidScheduleException(id, "schedule.catchUpWindow", "'" + text
                    + "' is neither an ISO-8601 duration (e.g. PT6H) nor a number of seconds");
        }
        if (window.isZero() || window.isNegative()) {
            throw new InvalidScheduleException(id, "schedule.catchUpWindow", "must be positive but was " + text);
        }
        if (window.compareTo(MAX_CATCH_UP_WINDOW) > 0) {
            throw new InvalidScheduleException(id, "schedule.catchUpWindow", "must be at most 10 years ("
                    + MAX_CATCH_UP_WINDOW + ") but was " + text);
        }
        return window;
    }

    private static <T> T policy(String id, String field, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new InvalidScheduleException(id, field, e.getMessage());
        }
    }

    /** The configuration this schedule was built from, as given. */
    public ScheduleConfig config() {
        return config;
    }

    public String id() {
        return id;
    }

    /** The name, or the id when none is configured. */
    public String name() {
        return config.name() == null ? id : config.name();
    }

    public String workflowId() {
        return workflowId;
    }

    /** The workflow version to start, or null for the latest registered. */
    public String workflowVersion() {
        return workflowVersion;
    }

    /** The namespace runs are started in ({@code workflow.nameSpace}), or null for the workflow's own. */
    public String namespace() {
        return config.workflow().nameSpace();
    }

    /** Passed to every run as its input data. */
    public Map<String, Object> properties() {
        return config.properties();
    }

    public boolean enabled() {
        return config.schedule().isEnabled();
    }

    public FireTimes fireTimes() {
        return fireTimes;
    }

    public CronExpression cron() {
        return fireTimes.cron();
    }

    public ZoneId zone() {
        return fireTimes.zone();
    }

    /** Attempts per fire time in all, the first included (1: no retry). */
    public int attempts() {
        return attempts;
    }

    /** How long after a failed attempt the next one starts. */
    public Duration retryDelay() {
        return retryDelay;
    }

    /** How long each attempt may run before it is cancelled, or null for no limit. */
    public Duration timeout() {
        return timeout;
    }

    /** Runs of this schedule in flight at once ({@link Integer#MAX_VALUE} when unbounded). */
    public int maxConcurrent() {
        return maxConcurrent;
    }

    public MisfirePolicy misfire() {
        return misfire;
    }

    /** How far back missed fire times count, or null when any missed time counts. */
    public Duration catchUpWindow() {
        return catchUpWindow;
    }

    public OverlapPolicy overlap() {
        return overlap;
    }

    @Override
    public String toString() {
        return "Schedule[" + id + " '" + cron() + "' " + zone() + " → " + workflowId + "]";
    }
}
