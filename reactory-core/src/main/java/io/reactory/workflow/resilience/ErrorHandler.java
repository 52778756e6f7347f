package io.reactory.workflow.resilience;

import io.reactory.workflow.api.StepFailedException;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.ErrorSummary;
import io.reactory.workflow.persistence.WorkflowStore;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The specification's ErrorHandler: classifies failures (the "Evaluate Error" box of its retry diagram), keeps the
 * circuit breakers of external dependencies, and reads the error records the engine stores with every failure. The
 * engine consults it on every failed step; users reach it through {@code WorkflowRunner.errorHandler()}.
 *
 * <p>Classification, first match wins: a non-retryable {@code StepFailedException} (or
 * {@code ExecutionResult.failNonRetryable}) or an exception implementing {@link NonRetryableError} → non-retryable;
 * a type listed in the step's {@link RetryOptions#nonRetryableErrorTypes()} → non-retryable; the
 * {@linkplain ErrorClassifier classifiers} in order; otherwise retryable.
 *
 * <pre>{@code
 * runner.errorHandler().configureCircuitBreaker("payments", CircuitBreakerOptions.builder().consecutiveFailures(3).build());
 * CircuitBreakerState state = runner.errorHandler().circuitBreaker("payments").state();
 * List<ErrorRecord> errors = runner.errorHandler().errors(instanceId);
 * }</pre>
 *
 * Thread-safe.
 */
public final class ErrorHandler {
    private final Clock clock;
    private final WorkflowStore store;
    private final Consumer<CircuitBreakerTransition> transitions;
    private final List<ErrorClassifier> classifiers;
    private final Map<String, CircuitBreakerOptions> configured = new ConcurrentHashMap<>();
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private volatile CircuitBreakerOptions defaults;

    private ErrorHandler(ErrorHandlerOptions options, Clock clock, WorkflowStore store,
                         Consumer<CircuitBreakerTransition> transitions) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.store = Objects.requireNonNull(store, "store");
        this.transitions = Objects.requireNonNull(transitions, "transitions");
        this.classifiers = new CopyOnWriteArrayList<>(options.classifiers());
        this.defaults = options.defaultCircuitBreaker();
        configured.putAll(options.circuitBreakers());
    }

    /**
     * @param store       where error records are read from (the engine writes them with its commits)
     * @param transitions receives every circuit breaker state change, on the thread that caused it
     */
    public static ErrorHandler create(ErrorHandlerOptions options, Clock clock, WorkflowStore store,
                                      Consumer<CircuitBreakerTransition> transitions) {
        return new ErrorHandler(Objects.requireNonNull(options, "options"), clock, store, transitions);
    }

    /** Retryable or not, as the class comment says; never {@code UNDECIDED}. */
    public ErrorClassification classify(Throwable error, RetryOptions retry) {
        if (error instanceof StepFailedException failed && failed.nonRetryable()) {
            return ErrorClassification.NON_RETRYABLE;
        }
        if (error instanceof NonRetryableError) {
            return ErrorClassification.NON_RETRYABLE;
        }
        if (retry != null && retry.isNonRetryable(error)) {
            return ErrorClassification.NON_RETRYABLE;
        }
        for (ErrorClassifier classifier : classifiers) {
            ErrorClassification verdict = classifier.classify(error);
            if (verdict != null && verdict != ErrorClassification.UNDECIDED) {
                return verdict;
            }
        }
        return ErrorClassification.RETRYABLE;
    }

    public boolean isRetryable(Throwable error, RetryOptions retry) {
        return classify(error, retry) == ErrorClassification.RETRYABLE;
    }

    /** Adds a classifier after the existing ones. */
    public void addClassifier(ErrorClassifier classifier) {
        classifiers.add(Objects.requireNonNull(classifier, "classifier"));
    }

    /** The breaker of a dependency, created CLOSED with its configured (or the default) options on first use. */
    public CircuitBreaker circuitBreaker(String dependency) {
        CircuitBreaker breaker = breakers.get(dependency);
        return breaker != null ? breaker : breakers.computeIfAbsent(dependency, this::newBreaker);
    }

    /**
     * Sets the options of a dependency's breaker. A breaker already in use is replaced by a new, CLOSED one (a
     * transition to CLOSED is reported when the old one was not).
     */
    public void configureCircuitBreaker(String dependency, CircuitBreakerOptions options) {
        if (dependency == null || dependency.isBlank()) {
            throw new IllegalArgumentException("dependency must not be blank");
        }
        configured.put(dependency, Objects.requireNonNull(options, "options"));
        CircuitBreaker old = breakers.remove(dependency);
        if (old != null && old.state() != CircuitBreakerState.CLOSED) {
            transitions.accept(new CircuitBreakerTransition(dependency, old.state(), CircuitBreakerState.CLOSED,
                    clock.instant()));
        }
    }

    /** Options for breakers of dependencies that are not configured by name (existing breakers keep theirs). */
    public void configureDefaultCircuitBreaker(CircuitBreakerOptions options) {
        this.defaults = Objects.requireNonNull(options, "options");
    }

    /** This node's breakers in use, by dependency name. */
    public List<CircuitBreakerSnapshot> circuitBreakers() {
        return breakers.values().stream().map(CircuitBreaker::snapshot)
                .sorted(Comparator.comparing(CircuitBreakerSnapshot::dependency)).toList();
    }

    /**
     * The failures of one instance, oldest first.
     *
     * @throws UnsupportedOperationException when the store does not keep error records
     */
    public List<ErrorRecord> errors(String instanceId) {
        return store.errors().findByInstance(Objects.requireNonNull(instanceId, "instanceId"));
    }

    /** Failures since the beginning, and the breakers. */
    public ErrorStats stats() {
        return stats(Instant.EPOCH);
    }

    /** Failures at or after {@code since}, and the breakers. */
    public ErrorStats stats(Instant since) {
        ErrorSummary summary = store.errors().summarize(Objects.requireNonNull(since, "since"));
        double rate = summary.failures() == 0 ? 0.0 : (double) summary.retries() / summary.failures();
        return new ErrorStats(since, summary.failures(), summary.retries(), rate, summary.byErrorType(),
                summary.byWorkflow(), circuitBreakers());
    }

    private CircuitBreaker newBreaker(String dependency) {
        return new CircuitBreaker(dependency, configured.getOrDefault(dependency, defaults), clock, transitions);
    }
}
