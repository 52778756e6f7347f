package io.reactory.workflow.resilience;

import java.time.Instant;

/**
 * A circuit breaker as it stands (for the runner, metrics and dashboards).
 *
 * @param failureRate         failed calls in the window in percent, or -1 while fewer than the minimum were recorded
 * @param bufferedCalls       calls recorded in the current state's window
 * @param failedCalls         failed calls among them
 * @param consecutiveFailures failures in a row so far
 * @param refusedCalls        calls refused (steps held or failed fast) since the breaker was created
 * @param openUntil           while OPEN, when trial calls may start; else null
 */
public record CircuitBreakerSnapshot(String dependency, CircuitBreakerState state, CircuitBreakerOptions options,
                                     float failureRate, int bufferedCalls, int failedCalls, int consecutiveFailures,
                                     long refusedCalls, Instant openUntil) {}
