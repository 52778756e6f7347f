package io.reactory.workflow.config.internal;

import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Durations, retry options and failure behaviours of declarative definitions. */
final class PolicyFields {
    private static final List<String> ON_ERROR = List.of("retry", "suspend", "terminate", "compensate");

    private PolicyFields() {}

    static Duration duration(Fields f, String key) {
        String text = f.string(key, false);
        if (text == null) {
            return null;
        }
        try {
            Duration value = Duration.parse(text.trim());
            if (value.isNegative() || value.isZero()) {
                f.problems().error(f.at(key), f.path(key), "must be a positive duration but is " + text);
                return null;
            }
            return value;
        } catch (DateTimeParseException e) {
            f.problems().error(f.at(key), f.path(key), "must be an ISO-8601 duration such as PT30S or PT1H but is '"
                    + Fields.abbreviate(text) + "'");
            return null;
        }
    }

    static ErrorBehavior onError(Fields f) {
        String value = f.choice("onError", false, ON_ERROR);
        return value == null ? null : ErrorBehavior.valueOf(value.toUpperCase(Locale.ROOT));
    }

    static RetryOptions retry(Fields f) {
        if (f == null) {
            return null;
        }
        RetryOptions.Builder builder = RetryOptions.builder();
        Integer attempts = f.smallInteger("maximumAttempts", false, 0, 1000);
        Duration initial = duration(f, "initialInterval");
        Double coefficient = f.number("backoffCoefficient", false, 1.0, 100.0);
        Duration maximum = duration(f, "maximumInterval");
        Double jitter = f.number("jitter", false, 0.0, 1.0);
        List<String> nonRetryable = f.strings("nonRetryableErrorTypes");
        f.finish();
        if (attempts != null) {
            builder.maximumAttempts(attempts);
        }
        if (initial != null) {
            builder.initialInterval(initial);
        }
        if (coefficient != null) {
            builder.backoffCoefficient(coefficient);
        }
        if (maximum != null) {
            builder.maximumInterval(maximum);
        }
        if (jitter != null) {
            builder.jitter(jitter);
        }
        if (nonRetryable != null) {
            builder.doNotRetry(nonRetryable);
        }
        try {
            return builder.build();
        } catch (IllegalArgumentException e) {
            f.problems().error(f.map().origin(), f.path(), e.getMessage());
            return null;
        }
    }
}
