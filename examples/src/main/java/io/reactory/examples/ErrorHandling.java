package io.reactory.examples;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.resilience.CircuitBreakerOptions;
import io.reactory.workflow.resilience.CircuitBreakerState;
import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.ErrorClassifier;
import io.reactory.workflow.resilience.ErrorHandler;
import io.reactory.workflow.resilience.ErrorHandlerOptions;
import io.reactory.workflow.resilience.ErrorStats;
import io.reactory.workflow.resilience.NonRetryableError;
import io.reactory.workflow.resilience.OpenCircuitPolicy;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.List;

/** The README's ErrorHandler examples: retries, a circuit breaker, timeouts, failure behaviours, error records. */
public final class ErrorHandling {
    private ErrorHandling() {}

    /** Data of the payment example. */
    public static class Payment {
        public String orderId;
        public String chargeId;
        public String shipmentId;
    }

    /** The external payment and shipping services the workflow calls. */
    public interface Services {
        String charge(String orderId);

        void refund(String chargeId);

        String bookShipment(String orderId);
    }

    /** Thrown by the payment service when a retry cannot help. */
    public static class CardDeclinedException extends RuntimeException implements NonRetryableError {
        public CardDeclinedException(String message) {
            super(message);
        }
    }

    public static ErrorHandlerOptions errorHandlerOptions() {
        // tag::breaker-config[]
        return ErrorHandlerOptions.DEFAULT
                .withCircuitBreaker("payments", CircuitBreakerOptions.builder()
                        .failureRateThreshold(50).slidingWindowSize(20).minimumCalls(10) // 50% of the last 20 calls...
                        .consecutiveFailures(5)                    // ...or 5 failures in a row open it
                        .openDuration(Duration.ofSeconds(30))      // recovery timeout: OPEN → HALF_OPEN
                        .trialCalls(1)                             // calls let through in HALF_OPEN
                        .whileOpen(OpenCircuitPolicy.HOLD)         // refused steps wait, using no attempt
                        .build())
                .withClassifier(ErrorClassifier.nonRetryableWhen(e -> e instanceof IllegalArgumentException));
        // end::breaker-config[]
    }

    public static WorkflowDefinition paymentDefinition(Services services) {
        // tag::error-handling[]
        return WorkflowDefinition.define("payment", "1", Payment.class, b -> b
                .defaultRetry(RetryOptions.builder().initialInterval(Duration.ofSeconds(1)).maximumAttempts(3).build())
                .workflowTimeout(Duration.ofHours(2))                        // → FAILED, reason TIMEOUT
                .saga(saga -> saga
                        .startWith("charge", ctx -> {
                            ctx.data().chargeId = services.charge(ctx.data().orderId);
                            return ExecutionResult.next();
                        })
                            .circuitBreaker("payments")                      // guarded by that dependency's breaker
                            .timeout(Duration.ofSeconds(10))                 // interrupted, then retried
                            .retry(RetryOptions.builder()
                                    .initialInterval(Duration.ofSeconds(2)).backoffCoefficient(2)
                                    .maximumInterval(Duration.ofMinutes(1)).jitter(0.2).maximumAttempts(6)
                                    .doNotRetry(CardDeclinedException.class) // (its marker interface says so too)
                                    .build())
                            .compensateWith("refund", ctx -> {
                                services.refund(ctx.data().chargeId);
                                return ExecutionResult.next();
                            })
                        .then("book-shipment", ctx -> {
                            ctx.data().shipmentId = services.bookShipment(ctx.data().orderId);
                            return ExecutionResult.next();
                        })
                            .onError(ErrorBehavior.COMPENSATE))              // no retry: refund at once
                .then("notify", ctx -> ExecutionResult.next())
                    .onError(ErrorBehavior.SUSPEND));                        // PAUSED until someone resumes it
        // end::error-handling[]
    }

    /** Prints what the ErrorHandler knows about one instance and the last hour. */
    public static void report(WorkflowRunner runner, String instanceId) {
        // tag::error-inspect[]
        ErrorHandler errors = runner.errorHandler();
        CircuitBreakerState payments = errors.circuitBreaker("payments").state();  // CLOSED, OPEN or HALF_OPEN
        List<ErrorRecord> failures = errors.errors(instanceId);                   // oldest first
        for (ErrorRecord failure : failures) {
            System.out.printf("%s attempt %d: %s (%s) → %s%n", failure.stepName(), failure.attempt(),
                    failure.errorType(), failure.message(), failure.action());
        }
        ErrorStats lastHour = errors.stats(runner.clock().instant().minus(Duration.ofHours(1)));
        System.out.printf("payments %s; %d failures, retry rate %.2f, by type %s%n", payments, lastHour.failures(),
                lastHour.retryRate(), lastHour.failuresByErrorType());
        // end::error-inspect[]
    }
}
