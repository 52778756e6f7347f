package io.reactory.workflow.config;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The cron expressions configuration accepts: standard 5 fields ({@code minute hour day-of-month month
 * day-of-week}), 6 fields with seconds first, and the macros {@code @yearly @annually @monthly @weekly @daily
 * @midnight @hourly}. Parsed with cron-utils; a bad expression is reported with the field and its position.
 * Thread-safe.
 */
public final class CronSyntax {
    private static final CronParser FIVE = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private static final CronParser SIX = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));
    private static final Set<String> MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");
    private static final List<String> FIVE_NAMES = List.of("minute", "hour", "day-of-month", "month", "day-of-week");
    private static final List<String> SIX_NAMES = List.of("second", "minute", "hour", "day-of-month", "month", "day-of-week");

    private CronSyntax() {}

    /**
     * A cron expression that does not parse.
     *
     * @param offset 0-based position in the expression of the field at fault (0 when the shape is wrong)
     */
    public record Error(String message, int offset) {}

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException naming the field and the problem
     */
    public static Cron parse(String expression) {
        Error error = check(expression);
        if (error != null) {
            throw new IllegalArgumentException(error.message());
        }
        String trimmed = expression.trim();
        if (trimmed.startsWith("@")) {
            return SIX.parse(trimmed.toLowerCase(Locale.ROOT));
        }
        return fields(trimmed).length == 5 ? FIVE.parse(trimmed) : SIX.parse(trimmed);
    }

    /** Null when the expression is valid, else what is wrong and where. */
    public static Error check(String expression) {
        if (expression == null || expression.isBlank()) {
            return new Error("cron expression is empty", 0);
        }
        String trimmed = expression.trim();
        int lead = expression.indexOf(trimmed);
        if (trimmed.startsWith("@")) {
            String macro = trimmed.toLowerCase(Locale.ROOT);
            if (!MACROS.contains(macro)) {
                return new Error("unknown cron macro '" + trimmed + "'; use one of " + String.join(", ", MACROS.stream().sorted().toList())
                        + io.reactory.workflow.config.internal.Suggestions.didYouMean(macro, MACROS), lead);
            }
            return null;
        }
        String[] fields = fields(trimmed);
        if (fields.length != 5 && fields.length != 6) {
            return new Error("cron expression has " + fields.length + " fields; expected 5 (minute hour day-of-month"
                    + " month day-of-week) or 6 (with seconds first)", lead);
        }
        CronParser parser = fields.length == 5 ? FIVE : SIX;
        List<String> names = fields.length == 5 ? FIVE_NAMES : SIX_NAMES;
        try {
            parser.parse(trimmed);
            return null;
        } catch (IllegalArgumentException e) {
            // find the field at fault: parse it alone, every other field a wildcard
            int offset = lead;
            for (int i = 0; i < fields.length; i++) {
                int at = trimmed.indexOf(fields[i], offset - lead) + lead;
                String[] probe = new String[fields.length];
                java.util.Arrays.fill(probe, "*");
                probe[i] = fields[i];
                try {
                    parser.parse(String.join(" ", probe));
                } catch (IllegalArgumentException single) {
                    return new Error("invalid " + names.get(i) + " field '" + fields[i] + "': " + reason(single), at);
                }
                offset = at + fields[i].length();
            }
            return new Error("invalid cron expression: " + reason(e), lead);
        }
    }

    private static String[] fields(String trimmed) {
        return trimmed.split("\\s+");
    }

    private static String reason(IllegalArgumentException e) {
        String message = e.getMessage() == null ? "not a valid value" : e.getMessage();
        return message.replace("Failed to parse cron expression. ", "").replace("Failed to parse '", "'").trim();
    }
}
