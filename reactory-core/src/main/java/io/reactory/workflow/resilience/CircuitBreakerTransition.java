package io.reactory.workflow.resilience;

import java.time.Instant;

/**
 * A circuit breaker changed state (never reported for a state it was already in).
 *
 * @param dependency the breaker's name: the external dependency steps declare with {@code .circuitBreaker(name)}
 * @param at         the engine clock's time of the change
 */
public record CircuitBreakerTransition(String dependency, CircuitBreakerState from, CircuitBreakerState to, Instant at) {}
