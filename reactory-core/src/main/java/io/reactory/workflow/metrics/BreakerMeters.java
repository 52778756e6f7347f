package io.reactory.workflow.metrics;

import io.reactory.workflow.resilience.CircuitBreakerSnapshot;
import io.reactory.workflow.resilience.CircuitBreakerState;
import io.reactory.workflow.resilience.CircuitBreakerTransition;
import io.reactory.workflow.resilience.ErrorHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The circuit breakers' meters: state (one gauge per state, 1 for the current one), failure rate and refused calls
 * read from the ErrorHandler at scrape time, transitions counted as they happen. A dependency's meters are
 * registered the first time it is seen: declared by a registered step, used, or changing state.
 */
final class BreakerMeters {
    private final MeterFactory meters;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private volatile ErrorHandler handler;

    BreakerMeters(MeterFactory meters) {
        this.meters = meters;
    }

    void bind(ErrorHandler errorHandler) {
        this.handler = errorHandler;
        errorHandler.circuitBreakers().forEach(b -> ensure(b.dependency()));
    }

    void ensure(String dependency) {
        if (handler == null || known.contains(dependency) || !known.add(dependency)) {
            return;
        }
        String tag = meters.guarded(ReactoryMetrics.BREAKER_STATE, dependency, "CLOSED")[0];
        if (tag.equals(TagGuard.OTHER)) {
            return; // an "other" breaker has no single state to show
        }
        ErrorHandler errors = handler;
        for (CircuitBreakerState state : CircuitBreakerState.values()) {
            ReactoryMetrics.BREAKER_STATE.gauge(meters.registry, errors,
                    h -> h.circuitBreaker(dependency).state() == state ? 1 : 0, tag, state.name());
        }
        ReactoryMetrics.BREAKER_FAILURE_RATE.gauge(meters.registry, errors, h -> {
            float rate = h.circuitBreaker(dependency).snapshot().failureRate();
            return rate < 0 ? Double.NaN : rate;
        }, tag);
        ReactoryMetrics.BREAKER_REFUSED.functionCounter(meters.registry, errors,
                h -> refused(h.circuitBreaker(dependency).snapshot()), tag);
    }

    void transition(CircuitBreakerTransition t) {
        ensure(t.dependency());
        meters.counter(ReactoryMetrics.BREAKER_TRANSITIONS, t.dependency(), t.from().name(), t.to().name()).increment();
    }

    private static double refused(CircuitBreakerSnapshot snapshot) {
        return snapshot.refusedCalls();
    }
}
