package io.reactory.server.http;

import io.reactory.workflow.resilience.ErrorHandler;
import java.util.List;

/**
 * The circuit breakers the dashboard charts: by default this node's, as the runner's {@link ErrorHandler} reports them
 * ({@link #of(ErrorHandler)}); another source (all nodes' breakers, say) can be given to
 * {@code ReactoryServer.Builder.circuitBreakers}. Implementations are thread-safe and cheap (called every sampling step
 * and on every overview request).
 */
@FunctionalInterface
public interface CircuitBreakerSource {

    /** The breakers as they stand now. */
    List<Breaker> circuitBreakers();

    /**
     * One breaker.
     *
     * @param state       {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     * @param failureRate failed calls in its window in percent, or a negative number when too few were recorded
     */
    record Breaker(String name, String state, double failureRate) {}

    /** The breakers an ErrorHandler has in use. */
    static CircuitBreakerSource of(ErrorHandler errorHandler) {
        return () -> errorHandler.circuitBreakers().stream()
                .map(b -> new Breaker(b.dependency(), b.state().name(), b.failureRate())).toList();
    }

    /** No breakers. */
    static CircuitBreakerSource none() {
        return List::of;
    }
}
