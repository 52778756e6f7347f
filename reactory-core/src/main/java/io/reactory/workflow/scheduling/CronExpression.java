package io.reactory.workflow.scheduling;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed cron expression: the standard five fields ({@code minute hour day-of-month month day-of-week}), or six
 * with a leading {@code second} field, or a macro ({@code @yearly}/{@code @annually}, {@code @monthly},
 * {@code @weekly}, {@code @daily}/{@code @midnight}, {@code @hourly}). Fields take numbers, ranges ({@code 1-5}),
 * lists ({@code 1,15}), steps ({@code *}{@code /15}) and month and day names ({@code JAN}, {@code MON-FRI});
 * day-of-week 0 and 7 are Sunday. When both day-of-month and day-of-week are restricted, a day matching either
 * matches (as in Vixie cron). Parsing uses cron-utils.
 *
 * <p>An expression knows nothing of time zones: it matches <em>local</em> date-times. {@link FireTimes} turns
 * them into instants in a zone, with the daylight-saving rules. Immutable and thread-safe.
 */
public final class CronExpression {
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final List<String> FIVE = List.of("minute", "hour", "day-of-month", "month", "day-of-week");
    private static final List<String> SIX = List.of("second", "minute", "hour", "day-of-month", "month", "day-of-week");
    private static final CronParser UNIX = new CronParser(definition(false));
    private static final CronParser WITH_SECONDS = new CronParser(definition(true));

    private final String text;
    private final boolean seconds;
    private final ExecutionTime execution;
    /** Set when every day matches: then the next time needs no day search. */
    private final EveryDayTimes everyDay;

    private CronExpression(String text, boolean seconds, Cron cron) {
        this.text = text;
        this.seconds = seconds;
        this.execution = ExecutionTime.forCron(cron);
        this.everyDay = EveryDayTimes.of(cron, seconds).orElse(null);
    }

    /**
     * Parses an expression.
     *
     * @throws InvalidCronExpressionException naming the field (number, name and column) that is wrong, or saying
     *         why the expression as a whole is wrong (number of fields, unknown macro)
     */
    public static CronExpression parse(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidCronExpressionException(null, String.valueOf(text), 0, null, 0, "the expression is empty");
        }
        String trimmed = text.trim();
        if (trimmed.startsWith("@")) {
            String expanded = MACROS.get(trimmed.toLowerCase(Locale.ROOT));
            if (expanded == null) {
                throw new InvalidCronExpressionException(null, text, 0, null, 0, "unknown macro '" + trimmed
                        + "'; known: @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly");
            }
            return new CronExpression(text, false, UNIX.parse(expanded));
        }
        List<int[]> spans = fieldSpans(text);
        if (spans.size() != 5 && spans.size() != 6) {
            throw new InvalidCronExpressionException(null, text, 0, null, 0, "expected 5 fields (" + String.join(" ", FIVE)
                    + ") or 6 with a leading second field, but found " + spans.size());
        }
        boolean withSeconds = spans.size() == 6;
        CronParser parser = withSeconds ? WITH_SECONDS : UNIX;
        List<String> fields = new ArrayList<>(spans.size());
        for (int[] span : spans) {
            fields.add(text.substring(span[0], span[1]));
        }
        try {
            Cron cron = parser.parse(String.join(" ", fields));
            return new CronExpression(text, withSeconds, cron);
        } catch (IllegalArgumentException e) {
            throw locate(text, parser, fields, spans, withSeconds ? SIX : FIVE, e);
        }
    }

    /** Finds the field at fault by parsing each one alone (the others as {@code *}): cron-utils does not say. */
    private static InvalidCronExpressionException locate(String text, CronParser parser, List<String> fields,
                                                         List<int[]> spans, List<String> names,
                                                         IllegalArgumentException whole) {
        for (int i = 0; i < fields.size(); i++) {
            List<String> probe = new ArrayList<>(fields.size());
            for (int j = 0; j < fields.size(); j++) {
                probe.add(j == i ? fields.get(j) : "*");
            }
            try {
                parser.parse(String.join(" ", probe));
            } catch (IllegalArgumentException e) {
                return new InvalidCronExpressionException(null, text, i + 1, names.get(i), spans.get(i)[0] + 1,
                        "'" + fields.get(i) + "': " + detail(e));
            }
        }
        return new InvalidCronExpressionException(null, text, 0, null, 0, detail(whole));
    }

    private static String detail(IllegalArgumentException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replace("Failed to parse cron expression. ", "").replace("Failed to parse '", "'");
        message = message.replace(" not in range ", " is out of range ");
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }

    /** [start, end) of each whitespace-separated field. */
    private static List<int[]> fieldSpans(String text) {
        List<int[]> spans = new ArrayList<>(6);
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start) {
                spans.add(new int[] {start, i});
            }
        }
        return spans;
    }

    private static CronDefinition definition(boolean withSeconds) {
        CronDefinitionBuilder builder = CronDefinitionBuilder.defineCron();
        if (withSeconds) {
            builder = builder.withSeconds().withStrictRange().and();
        }
        return builder
                .withMinutes().withStrictRange().and()
                .withHours().withStrictRange().and()
                .withDayOfMonth().withStrictRange().and()
                .withMonth().withStrictRange().and()
                .withDayOfWeek().withValidRange(0, 7).withMondayDoWValue(1).withIntMapping(7, 0).withStrictRange().and()
                .instance();
    }

    /** The first local date-time strictly after {@code after} that matches, or empty when none ever does. */
    public Optional<LocalDateTime> nextAfter(LocalDateTime after) {
        // Matches are whole seconds, so the first one after `after` is the first one after its whole second; cron-utils
        // would otherwise carry the fraction into six-field results.
        LocalDateTime whole = after.withNano(0);
        if (everyDay != null) {
            return Optional.of(everyDay.nextAfter(whole));
        }
        return execution.nextExecution(whole.atZone(ZoneOffset.UTC)).map(t -> t.toLocalDateTime().withNano(0));
    }

    /** The same computation without the every-day shortcut, to check the shortcut against cron-utils. */
    Optional<LocalDateTime> nextAfterByCronUtils(LocalDateTime after) {
        return execution.nextExecution(after.withNano(0).atZone(ZoneOffset.UTC)).map(t -> t.toLocalDateTime().withNano(0));
    }

    /** True when the every-day shortcut applies. */
    boolean matchesEveryDay() {
        return everyDay != null;
    }

    /** True when the expression matches this local date-time (to the second). */
    public boolean matches(LocalDateTime time) {
        return execution.isMatch(time.withNano(0).atZone(ZoneOffset.UTC));
    }

    /** True for six-field expressions, which can fire more than once a minute. */
    public boolean hasSeconds() {
        return seconds;
    }

    /** The expression as it was given. */
    public String text() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CronExpression other && other.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
