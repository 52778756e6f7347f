package io.reactory.workflow.resilience;

import java.util.Objects;
import java.util.function.Predicate;

/**
 * A user rule for telling retryable from non-retryable errors, consulted after the step's own signals (a
 * non-retryable {@code StepFailedException}, a {@link NonRetryableError}, the step's
 * {@link RetryOptions#nonRetryableErrorTypes()}). Classifiers run in the order they were added; the first that does
 * not answer {@link ErrorClassification#UNDECIDED} decides. Must be thread-safe and quick.
 *
 * <pre>{@code
 * ErrorClassifier http4xx = ErrorClassifier.nonRetryableWhen(
 *         e -> e instanceof HttpException h && h.status() >= 400 && h.status() < 500 && h.status() != 429);
 * }</pre>
 */
@FunctionalInterface
public interface ErrorClassifier {

    ErrorClassification classify(Throwable error);

    /** Non-retryable when the predicate holds; no opinion otherwise. */
    static ErrorClassifier nonRetryableWhen(Predicate<? super Throwable> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return error -> predicate.test(error) ? ErrorClassification.NON_RETRYABLE : ErrorClassification.UNDECIDED;
    }

    /** Retryable when the predicate holds (overriding later classifiers); no opinion otherwise. */
    static ErrorClassifier retryableWhen(Predicate<? super Throwable> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return error -> predicate.test(error) ? ErrorClassification.RETRYABLE : ErrorClassification.UNDECIDED;
    }
}
