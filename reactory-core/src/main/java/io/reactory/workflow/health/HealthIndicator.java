package io.reactory.workflow.health;

/**
 * Tells how one component is doing: the store, the engine, the scheduler, the message broker, configuration hot
 * reload, circuit breakers. Components implement it (or {@link HealthIndicators} builds one) and are registered with
 * {@link SystemHealth}. A check should be quick (it may be asked by a probe every few seconds) and should not throw:
 * an exception counts as {@code DOWN}.
 */
@FunctionalInterface
public interface HealthIndicator {
    Health check();
}
