package io.reactory.workflow.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a failing step is retried: exponential back-off from {@code initialInterval}, multiplied by
 * {@code backoffCoefficient} per attempt, capped at {@code maximumInterval}, reduced by up to {@code jitter} (a
 * fraction) so that many failing instances do not retry in lock-step. The back-off is persisted as the step's
 * wake-up time: no thread waits.
 *
 * @param maximumAttempts        attempts in all, the first included; 1 means no retry, 0 means unlimited
 * @param nonRetryableErrorTypes exception class names (simple or fully qualified) that are never retried; a
 *                               subclass of a listed type matches too
 */
public record RetryOptions(Duration initialInterval, double backoffCoefficient, Duration maximumInterval,
                           int maximumAttempts, double jitter, Set<String> nonRetryableErrorTypes) {

    /** One second, doubling, at most one minute apart, three attempts in all. */
    public static final RetryOptions DEFAULT = new RetryOptions(
            Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1), 3, 0.0, Set.of());

    /** A single attempt. */
    public static final RetryOptions NONE = new RetryOptions(Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1), 1, 0.0, Set.of());

    public RetryOptions {
        Objects.requireNonNull(initialInterval, "initialInterval");
        Objects.requireNonNull(maximumInterval, "maximumInterval");
        if (initialInterval.isNegative()) {
            throw new IllegalArgumentException("initialInterval must not be negative: " + initialInterval);
        }
        if (backoffCoefficient < 1.0 || Double.isNaN(backoffCoefficient)) {
            throw new IllegalArgumentException("backoffCoefficient must be at least 1.0 but was " + backoffCoefficient);
        }
        if (maximumInterval.compareTo(initialInterval) < 0) {
            throw new IllegalArgumentException("maximumInterval (" + maximumInterval
                    + ") must not be shorter than initialInterval (" + initialInterval + ")");
        }
        if (maximumAttempts < 0) {
            throw new IllegalArgumentException("maximumAttempts must be 0 (unlimited) or more but was " + maximumAttempts);
        }
        if (!(jitter >= 0.0 && jitter <= 1.0)) {
            throw new IllegalArgumentException("jitter must be between 0.0 and 1.0 but was " + jitter);
        }
        nonRetryableErrorTypes = Set.copyOf(nonRetryableErrorTypes == null ? Set.of() : nonRetryableErrorTypes);
    }

    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** True when another attempt is allowed after {@code attemptsSoFar} failed attempts. */
    public boolean allowsAnotherAttempt(int attemptsSoFar) {
        return maximumAttempts == 0 || attemptsSoFar < maximumAttempts;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry): {@code initial × coefficient^(retry-1)}
     * capped at the maximum, then reduced by a random fraction of at most {@code jitter}.
     */
    public Duration backoff(int retry) {
        double base = initialInterval.toNanos() * Math.pow(backoffCoefficient, Math.max(0, retry - 1));
        double capped = Math.min(base, maximumInterval.toNanos());
        double factor = jitter == 0.0 ? 1.0 : 1.0 - jitter * ThreadLocalRandom.current().nextDouble();
        return Duration.ofNanos((long) (capped * factor));
    }

    /** True when {@code error}'s class, or one of its superclasses, is listed as non-retryable. */
    public boolean isNonRetryable(Throwable error) {
        if (nonRetryableErrorTypes.isEmpty()) {
            return false;
        }
        for (Class<?> type = error.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
            if (nonRetryableErrorTypes.contains(type.getName()) || nonRetryableErrorTypes.contains(type.getSimpleName())) {
                return true;
            }
        }
        return false;
    }

    /** Fluent construction; unset fields keep the values of the options it started from. */
    public static final class Builder {
        private Duration initialInterval;
        private double backoffCoefficient;
        private Duration maximumInterval;
        private int maximumAttempts;
        private double jitter;
        private Set<String> nonRetryable;

        private Builder(RetryOptions from) {
            this.initialInterval = from.initialInterval;
            this.backoffCoefficient = from.backoffCoefficient;
            this.maximumInterval = from.maximumInterval;
            this.maximumAttempts = from.maximumAttempts;
            this.jitter = from.jitter;
            this.nonRetryable = from.nonRetryableErrorTypes;
        }

        public Builder initialInterval(Duration value) {
            this.initialInterval = value;
            if (maximumInterval.compareTo(value) < 0) {
                maximumInterval = value;
            }
            return this;
        }

        public Builder backoffCoefficient(double value) {
            this.backoffCoefficient = value;
            return this;
        }

        public Builder maximumInterval(Duration value) {
            this.maximumInterval = value;
            return this;
        }

        public Builder maximumAttempts(int value) {
            this.maximumAttempts = value;
            return this;
        }

        public Builder jitter(double value) {
            this.jitter = value;
            return this;
        }

        @SafeVarargs
        public final Builder doNotRetry(Class<? extends Throwable>... types) {
            java.util.HashSet<String> names = new java.util.HashSet<>(nonRetryable);
            for (Class<? extends Throwable> type : types) {
                names.add(type.getName());
            }
            this.nonRetryable = names;
            return this;
        }

        public Builder doNotRetry(List<String> typeNames) {
            java.util.HashSet<String> names = new java.util.HashSet<>(nonRetryable);
            names.addAll(typeNames);
            this.nonRetryable = names;
            return this;
        }

        public RetryOptions build() {
            return new RetryOptions(initialInterval, backoffCoefficient, maximumInterval, maximumAttempts, jitter, nonRetryable);
        }
    }
}
