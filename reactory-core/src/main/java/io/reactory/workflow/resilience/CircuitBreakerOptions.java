package io.reactory.workflow.resilience;

import java.time.Duration;
import java.util.Objects;

/**
 * How the circuit breaker of one external dependency decides. It opens when either rule fires: the failure rate over
 * the last {@code slidingWindowSize} calls reaches {@code failureRateThreshold} (once at least {@code minimumCalls}
 * were recorded), or {@code consecutiveFailures} calls in a row failed. It stays open for {@code openDuration} (the
 * recovery timeout), then lets {@code trialCalls} calls through (HALF_OPEN): all succeed → CLOSED, one fails → OPEN.
 *
 * <pre>{@code
 * CircuitBreakerOptions payments = CircuitBreakerOptions.builder()
 *         .consecutiveFailures(5).failureRateThreshold(50).slidingWindowSize(20)
 *         .openDuration(Duration.ofSeconds(30)).build();
 * }</pre>
 *
 * @param failureRateThreshold percentage of failed calls in the window that opens the breaker (0 &lt; x ≤ 100), or
 *                             0 to use only {@code consecutiveFailures}
 * @param slidingWindowSize    how many of the latest calls the failure rate is computed over
 * @param minimumCalls         calls recorded before the failure rate counts (at most {@code slidingWindowSize})
 * @param consecutiveFailures  failures in a row that open the breaker, or 0 to use only the failure rate
 * @param openDuration         how long the breaker stays OPEN before trial calls (the recovery timeout)
 * @param trialCalls           calls let through in HALF_OPEN; the breaker closes once they all succeeded
 * @param whileOpen            what happens to steps whose call the breaker refuses
 */
public record CircuitBreakerOptions(double failureRateThreshold, int slidingWindowSize, int minimumCalls,
                                    int consecutiveFailures, Duration openDuration, int trialCalls,
                                    OpenCircuitPolicy whileOpen) {

    /** Opens at 50% failures over the last 20 calls (10 at least) or 5 failures in a row; 30 s open; 1 trial call. */
    public static final CircuitBreakerOptions DEFAULT = new CircuitBreakerOptions(50, 20, 10, 5, Duration.ofSeconds(30),
            1, OpenCircuitPolicy.HOLD);

    public CircuitBreakerOptions {
        if (!(failureRateThreshold >= 0 && failureRateThreshold <= 100)) {
            throw new IllegalArgumentException("failureRateThreshold must be between 0 and 100 (percent) but was "
                    + failureRateThreshold);
        }
        if (slidingWindowSize < 1) {
            throw new IllegalArgumentException("slidingWindowSize must be at least 1 but was " + slidingWindowSize);
        }
        if (minimumCalls < 1 || minimumCalls > slidingWindowSize) {
            throw new IllegalArgumentException("minimumCalls must be between 1 and slidingWindowSize (" + slidingWindowSize
                    + ") but was " + minimumCalls);
        }
        if (consecutiveFailures < 0) {
            throw new IllegalArgumentException("consecutiveFailures must be 0 (off) or more but was " + consecutiveFailures);
        }
        if (failureRateThreshold == 0 && consecutiveFailures == 0) {
            throw new IllegalArgumentException("a circuit breaker needs a failureRateThreshold or consecutiveFailures");
        }
        Objects.requireNonNull(openDuration, "openDuration");
        if (openDuration.compareTo(Duration.ofMillis(1)) < 0) {
            throw new IllegalArgumentException("openDuration must be at least one millisecond but was " + openDuration);
        }
        if (trialCalls < 1) {
            throw new IllegalArgumentException("trialCalls must be at least 1 but was " + trialCalls);
        }
        Objects.requireNonNull(whileOpen, "whileOpen");
    }

    public static Builder builder() {
        return new Builder(DEFAULT);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Fluent construction; unset fields keep the values of the options it started from. */
    public static final class Builder {
        private double failureRateThreshold;
        private int slidingWindowSize;
        private int minimumCalls;
        private int consecutiveFailures;
        private Duration openDuration;
        private int trialCalls;
        private OpenCircuitPolicy whileOpen;

        private Builder(CircuitBreakerOptions from) {
            failureRateThreshold = from.failureRateThreshold;
            slidingWindowSize = from.slidingWindowSize;
            minimumCalls = from.minimumCalls;
            consecutiveFailures = from.consecutiveFailures;
            openDuration = from.openDuration;
            trialCalls = from.trialCalls;
            whileOpen = from.whileOpen;
        }

        /** Percentage, or 0 to open on consecutive failures only. */
        public Builder failureRateThreshold(double percent) {
            this.failureRateThreshold = percent;
            return this;
        }

        /** The window of latest calls; {@code minimumCalls} shrinks with it when it was larger. */
        public Builder slidingWindowSize(int calls) {
            this.slidingWindowSize = calls;
            this.minimumCalls = Math.min(minimumCalls, Math.max(1, calls));
            return this;
        }

        public Builder minimumCalls(int calls) {
            this.minimumCalls = calls;
            return this;
        }

        /** Failures in a row that open the breaker, or 0 to open on the failure rate only. */
        public Builder consecutiveFailures(int failures) {
            this.consecutiveFailures = failures;
            return this;
        }

        public Builder openDuration(Duration value) {
            this.openDuration = value;
            return this;
        }

        public Builder trialCalls(int calls) {
            this.trialCalls = calls;
            return this;
        }

        public Builder whileOpen(OpenCircuitPolicy policy) {
            this.whileOpen = policy;
            return this;
        }

        public CircuitBreakerOptions build() {
            return new CircuitBreakerOptions(failureRateThreshold, slidingWindowSize, minimumCalls, consecutiveFailures,
                    openDuration, trialCalls, whileOpen);
        }
    }
}
