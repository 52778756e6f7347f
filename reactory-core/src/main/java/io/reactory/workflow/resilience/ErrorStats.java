package io.reactory.workflow.resilience;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The ErrorHandler's figures: failures counted from the error records (every node writing to the store) since a
 * point in time, and this node's circuit breakers.
 *
 * @param failures            step (and workflow timeout) failures
 * @param retries             failures after which another attempt was scheduled
 * @param retryRate           {@code retries / failures}: the share of failures the retry policies absorbed (0 when
 *                            there was none)
 * @param failuresByErrorType failures per exception class name
 * @param failuresByWorkflow  failures per workflow id
 * @param circuitBreakers     this node's breakers, by dependency name
 */
public record ErrorStats(Instant since, long failures, long retries, double retryRate,
                         Map<String, Long> failuresByErrorType, Map<String, Long> failuresByWorkflow,
                         List<CircuitBreakerSnapshot> circuitBreakers) {
    public ErrorStats {
        failuresByErrorType = Map.copyOf(failuresByErrorType);
        failuresByWorkflow = Map.copyOf(failuresByWorkflow);
        circuitBreakers = List.copyOf(circuitBreakers);
    }

    /** The state of each breaker by name. */
    public Map<String, CircuitBreakerState> circuitBreakerStates() {
        Map<String, CircuitBreakerState> states = new java.util.TreeMap<>();
        circuitBreakers.forEach(b -> states.put(b.dependency(), b.state()));
        return states;
    }
}
