package io.reactory.workflow.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of the alerts a workflow's configuration asks for ({@code monitoring.alerts}). Rates are measured over
 * the workflow's latest step attempts on this node (a count-based window, so they do not depend on traffic).
 *
 * @param cooldown           the same alert of the same workflow is raised at most once per this period; occurrences
 *                           in between are counted and reported with the next one ({@code suppressed})
 * @param window             step attempts the error and retry rates are measured over
 * @param minimumAttempts    attempts in the window before a rate counts
 * @param errorRateThreshold {@code high_error_rate}: failed attempts ÷ attempts at or above this (0–1)
 * @param retryRateThreshold {@code high_retry_rate}: attempts that scheduled a retry ÷ attempts at or above this (0–1)
 */
public record AlertOptions(Duration cooldown, int window, int minimumAttempts, double errorRateThreshold,
                           double retryRateThreshold) {
    public AlertOptions {
        Objects.requireNonNull(cooldown, "cooldown");
        if (cooldown.isNegative()) {
            throw new IllegalArgumentException("cooldown must not be negative but was " + cooldown);
        }
        if (window < 1 || window > 10_000) {
            throw new IllegalArgumentException("window must be between 1 and 10000 but was " + window);
        }
        if (minimumAttempts < 1 || minimumAttempts > window) {
            throw new IllegalArgumentException("minimumAttempts must be between 1 and the window (" + window
                    + ") but was " + minimumAttempts);
        }
        rate("errorRateThreshold", errorRateThreshold);
        rate("retryRateThreshold", retryRateThreshold);
    }

    /** Cooldown 5 minutes; rates over the latest 100 attempts, from 20 on; errors ≥ 25%, retries ≥ 20%. */
    public static final AlertOptions DEFAULT = new AlertOptions(Duration.ofMinutes(5), 100, 20, 0.25, 0.20);

    public AlertOptions withCooldown(Duration value) {
        return new AlertOptions(value, window, minimumAttempts, errorRateThreshold, retryRateThreshold);
    }

    public AlertOptions withWindow(int size, int minimum) {
        return new AlertOptions(cooldown, size, minimum, errorRateThreshold, retryRateThreshold);
    }

    public AlertOptions withErrorRateThreshold(double value) {
        return new AlertOptions(cooldown, window, minimumAttempts, value, retryRateThreshold);
    }

    public AlertOptions withRetryRateThreshold(double value) {
        return new AlertOptions(cooldown, window, minimumAttempts, errorRateThreshold, value);
    }

    private static void rate(String field, double value) {
        if (!(value > 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be above 0 and at most 1 but was " + value);
        }
    }
}
