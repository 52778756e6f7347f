package io.reactory.workflow.config;

import io.reactory.workflow.scheduling.CronExpression;
import io.reactory.workflow.scheduling.InvalidCronExpressionException;
import java.util.Locale;
import java.util.Set;

/**
 * The cron expressions configuration accepts: standard 5 fields ({@code minute hour day-of-month month
 * day-of-week}), 6 fields with seconds first, and the macros {@code @yearly @annually @monthly @weekly @daily
 * @midnight @hourly}: exactly the dialect of the scheduler's {@link CronExpression}, which does the parsing, so a
 * file that validates is a schedule that runs. A bad expression is reported with the field and its position.
 * Thread-safe.
 */
public final class CronSyntax {
    private static final Set<String> MACROS = Set.of("@yearly", "@annually", "@monthly", "@weekly", "@daily",
            "@midnight", "@hourly");

    private CronSyntax() {}

    /**
     * A cron expression that does not parse.
     *
     * @param offset 0-based position in the expression of the field at fault (0 when the shape is wrong)
     */
    public record Error(String message, int offset) {}

    /**
     * Parses an expression with the scheduler's parser: configuration accepts exactly what the scheduler runs.
     *
     * @throws IllegalArgumentException naming the field and the problem
     */
    public static CronExpression parse(String expression) {
        Error error = check(expression);
        if (error != null) {
            throw new IllegalArgumentException(error.message());
        }
        return CronExpression.parse(expression.trim());
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
        try {
            CronExpression.parse(trimmed);
            return null;
        } catch (InvalidCronExpressionException e) {
            if (e.fieldNumber() == 0) {
                return new Error("invalid cron expression: " + e.detail(), lead);
            }
            // the scheduler's detail starts with the field's text: "'9': value 9 is out of range [0, 7]"
            return new Error("invalid " + e.fieldName() + " field " + e.detail(), lead + e.column() - 1);
        }
    }
}
