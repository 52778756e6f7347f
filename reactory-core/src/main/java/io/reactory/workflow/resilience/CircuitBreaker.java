package io.reactory.workflow.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The circuit breaker of one external dependency, on the engine's clock. The engine asks it before invoking a step
 * that declares the dependency ({@link #tryAcquire()}) and reports how the call went ({@link #onSuccess},
 * {@link #onFailure}, {@link #release}); code outside the engine may guard its own calls the same way.
 *
 * <p>The mechanics (sliding window, failure rate, OPEN window, HALF_OPEN permits) are resilience4j's, configured with
 * the injected {@link Clock} and without its scheduler (which runs on real time), so OPEN → HALF_OPEN happens at the
 * first call asked for after the open duration — under a test's manual clock too. Two rules resilience4j lacks are
 * added here so the states follow the specification's diagram: a consecutive-failure threshold, and HALF_OPEN → OPEN
 * at the first failed trial call (resilience4j would wait for all trial calls and compare their failure rate).
 *
 * <p>State lives in this process: each engine node has its own breakers, and a restart starts them CLOSED.
 * Thread-safe.
 */
public final class CircuitBreaker {
    /** resilience4j also opens on slow calls; long steps are not a failure here, so that rule is switched off. */
    private static final Duration NEVER_SLOW = Duration.ofDays(3650);
    /** How soon a call refused in HALF_OPEN (trial calls still running) is asked for again, at most. */
    private static final Duration HALF_OPEN_RECHECK = Duration.ofSeconds(1);

    private final String dependency;
    private final CircuitBreakerOptions options;
    private final Clock clock;
    private final io.github.resilience4j.circuitbreaker.CircuitBreaker delegate;
    private final Consumer<CircuitBreakerTransition> transitions;
    private final AtomicInteger consecutiveFailures = new AtomicInteger();
    private final LongAdder refused = new LongAdder();
    private final ReentrantLock lock = new ReentrantLock();
    private volatile Instant openUntil;

    CircuitBreaker(String dependency, CircuitBreakerOptions options, Clock clock,
                   Consumer<CircuitBreakerTransition> transitions) {
        this.dependency = Objects.requireNonNull(dependency, "dependency");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        CircuitBreakerConfig.Builder config = CircuitBreakerConfig.custom()
                .clock(clock)
                .waitDurationInOpenState(options.openDuration())
                .permittedNumberOfCallsInHalfOpenState(options.trialCalls())
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .slowCallRateThreshold(100)
                .slowCallDurationThreshold(NEVER_SLOW)
                .writableStackTraceEnabled(false);
        if (options.failureRateThreshold() > 0) {
            config.failureRateThreshold((float) options.failureRateThreshold())
                    .slidingWindow(options.slidingWindowSize(), options.minimumCalls(), SlidingWindowType.COUNT_BASED);
        } else {
            // resilience4j always has a rate rule: a minimum number of calls it never reaches switches it off (a
            // time-based window does not cap the minimum at the window size, a count-based one does).
            config.failureRateThreshold(100).slidingWindow(1, Integer.MAX_VALUE, SlidingWindowType.TIME_BASED);
        }
        this.delegate = io.github.resilience4j.circuitbreaker.CircuitBreaker.of(dependency, config.build());
        delegate.getEventPublisher().onStateTransition(this::transitioned);
    }

    /** The dependency this breaker guards (its name). */
    public String dependency() {
        return dependency;
    }

    public CircuitBreakerOptions options() {
        return options;
    }

    public CircuitBreakerState state() {
        return switch (delegate.getState()) {
            case OPEN, FORCED_OPEN -> CircuitBreakerState.OPEN;
            case HALF_OPEN -> CircuitBreakerState.HALF_OPEN;
            default -> CircuitBreakerState.CLOSED;
        };
    }

    /**
     * Asks to call the dependency now. OPEN → HALF_OPEN happens here once the open duration has passed. A permitted
     * call must be reported exactly once: {@link #onSuccess}, {@link #onFailure} or {@link #release}.
     *
     * @return true to make the call; false when the breaker refuses it (see {@link #retryAt()})
     */
    public boolean tryAcquire() {
        if (delegate.tryAcquirePermission()) {
            return true;
        }
        refused.increment();
        return false;
    }

    /**
     * When a refused call is worth asking for again: just after the open window ends while OPEN (resilience4j lets
     * calls through strictly after it), shortly while HALF_OPEN trial calls decide, now when CLOSED.
     */
    public Instant retryAt() {
        Instant now = clock.instant();
        return switch (state()) {
            case CLOSED -> now;
            case HALF_OPEN -> now.plus(options.openDuration().compareTo(HALF_OPEN_RECHECK) < 0
                    ? options.openDuration() : HALF_OPEN_RECHECK);
            case OPEN -> {
                Instant until = openUntil;
                Instant at = until == null ? now : until.plusMillis(1);
                // openUntil is set by the transition event, a moment after the state; never answer the past
                yield at.isAfter(now) ? at : now.plusMillis(1);
            }
        };
    }

    /** A permitted call succeeded after {@code took}. */
    public void onSuccess(Duration took) {
        consecutiveFailures.set(0);
        delegate.onSuccess(took.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * A permitted call failed in a way that says the dependency is unwell (the engine reports retryable failures
     * and timeouts here; non-retryable ones, such as bad input, are {@linkplain #release released}).
     */
    public void onFailure(Duration took, Throwable error) {
        CircuitBreakerState before = state();
        int inARow = consecutiveFailures.incrementAndGet();
        delegate.onError(took.toNanos(), TimeUnit.NANOSECONDS, error);
        if (before == CircuitBreakerState.HALF_OPEN) {
            openIf(CircuitBreakerState.HALF_OPEN);
        } else if (options.consecutiveFailures() > 0 && inARow >= options.consecutiveFailures()) {
            openIf(CircuitBreakerState.CLOSED);
        }
    }

    /** A permitted call that tells nothing about the dependency (it did not run, or failed for its own reasons). */
    public void release() {
        delegate.releasePermission();
    }

    /** Back to CLOSED with empty counters (an operator's override). */
    public void reset() {
        delegate.reset();
        consecutiveFailures.set(0);
    }

    public CircuitBreakerSnapshot snapshot() {
        CircuitBreakerState state = state();
        io.github.resilience4j.circuitbreaker.CircuitBreaker.Metrics metrics = delegate.getMetrics();
        return new CircuitBreakerSnapshot(dependency, state, options, metrics.getFailureRate(),
                metrics.getNumberOfBufferedCalls(), metrics.getNumberOfFailedCalls(), consecutiveFailures.get(),
                refused.sum(), state == CircuitBreakerState.OPEN ? openUntil : null);
    }

    private void openIf(CircuitBreakerState expected) {
        lock.lock();
        try {
            if (state() == expected) {
                delegate.transitionToOpenState();
            }
        } finally {
            lock.unlock();
        }
    }

    private void transitioned(CircuitBreakerOnStateTransitionEvent event) {
        CircuitBreakerState from = map(event.getStateTransition().getFromState());
        CircuitBreakerState to = map(event.getStateTransition().getToState());
        Instant now = clock.instant();
        if (to == CircuitBreakerState.OPEN) {
            openUntil = now.plus(options.openDuration());
        } else {
            consecutiveFailures.set(0);
        }
        if (from != to) {
            transitions.accept(new CircuitBreakerTransition(dependency, from, to, now));
        }
    }

    private static CircuitBreakerState map(io.github.resilience4j.circuitbreaker.CircuitBreaker.State state) {
        return switch (state) {
            case OPEN, FORCED_OPEN -> CircuitBreakerState.OPEN;
            case HALF_OPEN -> CircuitBreakerState.HALF_OPEN;
            default -> CircuitBreakerState.CLOSED;
        };
    }

    @Override
    public String toString() {
        return "CircuitBreaker[" + dependency + " " + state() + "]";
    }
}
