package io.reactory.server.http;

import java.util.List;

/**
 * The circuit breakers the dashboard charts, as the ErrorHandler (issue 4) reports them: wire it with
 * {@code ReactoryServer.builder(...).circuitBreakers(() -> errorHandler.circuitBreakers().stream()
 * .map(b -> new CircuitBreakerSource.Breaker(b.dependency(), b.state().name(), b.failureRate())).toList())}.
 * Implementations are thread-safe and cheap (called every sampling step and on every overview request).
 */
@FunctionalInterface
public interface CircuitBreakerSource {

    /** This node's breakers as they stand now. */
    List<Breaker> circuitBreakers();

    /**
     * One breaker.
     *
     * @param state       {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN}
     * @param failureRate failed calls in its window in percent, or a negative number when too few were recorded
     */
    record Breaker(String name, String state, double failureRate) {}

    /** No breakers (until the ErrorHandler is wired). */
    static CircuitBreakerSource none() {
        return List::of;
    }
}
