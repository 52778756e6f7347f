/**
 * The specification's ErrorHandler: {@link io.reactory.workflow.resilience.ErrorHandler} (classification, circuit
 * breakers, error records and figures), {@link io.reactory.workflow.resilience.RetryOptions} (durable back-off),
 * {@link io.reactory.workflow.resilience.ErrorBehavior} (what a failure leads to) and the circuit breaker of each
 * external dependency ({@link io.reactory.workflow.resilience.CircuitBreaker}).
 */
package io.reactory.workflow.resilience;
