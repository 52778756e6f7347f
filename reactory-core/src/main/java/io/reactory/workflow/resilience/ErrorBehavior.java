package io.reactory.workflow.resilience;

/**
 * What happens when a step fails.
 *
 * <ul>
 *   <li>{@link #RETRY} (default): retry as the step's {@link RetryOptions} say; once they are spent, or for a
 *       non-retryable error, compensate when inside a saga, otherwise the instance goes to FAILED.</li>
 *   <li>{@link #SUSPEND}: no retry; the instance goes to PAUSED and {@code resumeWorkflow} runs the step again.</li>
 *   <li>{@link #TERMINATE}: no retry; the instance goes to FAILED.</li>
 *   <li>{@link #COMPENSATE}: no retry; the compensations of the enclosing saga (or of the whole workflow) run in
 *       reverse order.</li>
 * </ul>
 */
public enum ErrorBehavior {
    RETRY,
    SUSPEND,
    TERMINATE,
    COMPENSATE
}
