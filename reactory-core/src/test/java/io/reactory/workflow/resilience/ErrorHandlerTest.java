package io.reactory.workflow.resilience;

import static io.reactory.workflow.resilience.ErrorClassification.NON_RETRYABLE;
import static io.reactory.workflow.resilience.ErrorClassification.RETRYABLE;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.StepFailedException;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.testing.ManualClock;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Error classification in the order the ErrorHandler documents, and its breaker registry. */
class ErrorHandlerTest {
    private final ManualClock clock = ManualClock.startingAt2026();
    private final List<CircuitBreakerTransition> transitions = new ArrayList<>();

    static class OrderRejected extends RuntimeException implements NonRetryableError {
        OrderRejected() {
            super("rejected");
        }
    }

    private ErrorHandler handler(ErrorHandlerOptions options) {
        return ErrorHandler.create(options, clock, new InMemoryWorkflowStore(), transitions::add);
    }

    @Test
    void errors_are_retryable_unless_something_says_otherwise() {
        ErrorHandler handler = handler(ErrorHandlerOptions.DEFAULT);
        assertThat(handler.classify(new IllegalStateException(), RetryOptions.DEFAULT)).isEqualTo(RETRYABLE);
        assertThat(handler.classify(new StepFailedException("x"), RetryOptions.DEFAULT)).isEqualTo(RETRYABLE);
        assertThat(handler.classify(new IllegalStateException(), null)).isEqualTo(RETRYABLE);
    }

    @Test
    void the_step_marks_an_error_non_retryable_by_exception_or_marker_interface() {
        ErrorHandler handler = handler(ErrorHandlerOptions.DEFAULT);
        assertThat(handler.classify(StepFailedException.nonRetryable("bad input"), RetryOptions.DEFAULT))
                .isEqualTo(NON_RETRYABLE);
        assertThat(handler.classify(new OrderRejected(), RetryOptions.DEFAULT)).isEqualTo(NON_RETRYABLE);
    }

    @Test
    void the_step_retry_options_list_non_retryable_types_and_their_subclasses() {
        ErrorHandler handler = handler(ErrorHandlerOptions.DEFAULT);
        RetryOptions retry = RetryOptions.builder().doNotRetry(IllegalArgumentException.class).build();
        assertThat(handler.classify(new NumberFormatException(), retry)).isEqualTo(NON_RETRYABLE);
        assertThat(handler.classify(new IllegalStateException(), retry)).isEqualTo(RETRYABLE);
    }

    @Test
    void classifiers_decide_in_order_after_the_step_own_signals() {
        ErrorHandler handler = handler(ErrorHandlerOptions.DEFAULT
                .withClassifier(ErrorClassifier.retryableWhen(e -> e.getMessage() != null && e.getMessage().contains("429")))
                .withClassifier(ErrorClassifier.nonRetryableWhen(e -> e instanceof UncheckedIOException)));
        RetryOptions retry = RetryOptions.builder().doNotRetry(List.of("UncheckedIOException")).build();

        assertThat(handler.classify(new UncheckedIOException("status 404", new java.io.IOException()), RetryOptions.DEFAULT))
                .isEqualTo(NON_RETRYABLE);
        assertThat(handler.classify(new UncheckedIOException("status 429", new java.io.IOException()), RetryOptions.DEFAULT))
                .as("the first classifier with an opinion wins").isEqualTo(RETRYABLE);
        assertThat(handler.classify(new UncheckedIOException("status 429", new java.io.IOException()), retry))
                .as("the step's own list comes before any classifier").isEqualTo(NON_RETRYABLE);

        handler.addClassifier(e -> e instanceof IllegalStateException ? NON_RETRYABLE : ErrorClassification.UNDECIDED);
        assertThat(handler.isRetryable(new IllegalStateException(), RetryOptions.DEFAULT)).isFalse();
    }

    @Test
    void breakers_are_created_on_first_use_with_their_configured_options_or_the_default() {
        CircuitBreakerOptions payments = CircuitBreakerOptions.builder().consecutiveFailures(2).build();
        ErrorHandler handler = handler(ErrorHandlerOptions.DEFAULT.withCircuitBreaker("payments", payments));

        assertThat(handler.circuitBreakers()).isEmpty();
        assertThat(handler.circuitBreaker("payments").options()).isEqualTo(payments);
        assertThat(handler.circuitBreaker("mail").options()).isEqualTo(CircuitBreakerOptions.DEFAULT);
        assertThat(handler.circuitBreaker("payments")).isSameAs(handler.circuitBreaker("payments"));
        assertThat(handler.circuitBreakers()).extracting(CircuitBreakerSnapshot::dependency).containsExactly("mail", "payments");
    }

    @Test
    void reconfiguring_a_breaker_replaces_it_with_a_closed_one_and_reports_the_change() {
        ErrorHandler handler = handler(ErrorHandlerOptions.DEFAULT);
        handler.configureCircuitBreaker("payments", CircuitBreakerOptions.builder().consecutiveFailures(1).build());
        CircuitBreaker old = handler.circuitBreaker("payments");
        old.tryAcquire();
        old.onFailure(Duration.ZERO, new IllegalStateException());
        assertThat(old.state()).isEqualTo(CircuitBreakerState.OPEN);

        CircuitBreakerOptions relaxed = CircuitBreakerOptions.builder().consecutiveFailures(10).build();
        handler.configureCircuitBreaker("payments", relaxed);

        assertThat(handler.circuitBreaker("payments").state()).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(handler.circuitBreaker("payments").options()).isEqualTo(relaxed);
        assertThat(transitions).extracting(t -> t.from() + "->" + t.to()).containsExactly("CLOSED->OPEN", "OPEN->CLOSED");
    }

    @Test
    void stats_without_failures_have_a_zero_retry_rate() {
        ErrorStats stats = handler(ErrorHandlerOptions.DEFAULT).stats();
        assertThat(stats.failures()).isZero();
        assertThat(stats.retryRate()).isZero();
        assertThat(stats.circuitBreakerStates()).isEmpty();
    }
}
