package io.reactory.workflow.persistence;

import java.time.Instant;
import java.util.Objects;

/**
 * One failure of one step activation (or of a whole instance, for a workflow timeout), as the ErrorHandler stored it
 * in the same commit as the instance state it led to.
 *
 * @param id          assigned by the store, increasing in insertion order; 0 before it is stored
 * @param stepName    the step that failed, or null when the instance as a whole failed (workflow timeout)
 * @param pointerId   the execution pointer (step activation) that failed, or -1
 * @param attempt     the attempt that failed, 1-based (attempts restart at 1 after {@code retryWorkflow})
 * @param errorType   the exception's class name
 * @param message     the exception's message, at most 2,000 characters (never workflow data put there by the engine)
 * @param stackTrace  the trimmed stack trace (a few frames per cause, at most 4,000 characters), or null
 * @param retryable   how the error was classified
 * @param action      what the ErrorHandler did about it
 * @param retryAt     when the next attempt is due ({@link Action#RETRY} only), else null
 * @param occurredAt  when the failure was handled (the engine's clock)
 */
public record ErrorRecord(long id, String instanceId, String workflowId, String version, String namespace,
                          String stepName, int pointerId, int attempt, String errorType, String message,
                          String stackTrace, boolean retryable, Action action, Instant retryAt, Instant occurredAt) {

    /** What the ErrorHandler did with a failure. */
    public enum Action {
        /** Another attempt is scheduled at {@code retryAt}. */
        RETRY,
        /** The instance was paused; resuming runs the step again. */
        SUSPEND,
        /** The instance failed. */
        FAIL,
        /** The compensations of the enclosing saga (or the whole workflow) started. */
        COMPENSATE
    }

    public ErrorRecord {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(errorType, "errorType");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** The same record with the id its store gave it. */
    public ErrorRecord withId(long value) {
        return new ErrorRecord(value, instanceId, workflowId, version, namespace, stepName, pointerId, attempt, errorType,
                message, stackTrace, retryable, action, retryAt, occurredAt);
    }
}
