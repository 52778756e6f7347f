package io.reactory.workflow.api;

/**
 * Root of every exception the engine throws. Each capability has its own family, named after the condition, and
 * carries the identifiers needed to act on it. Messages never contain workflow data.
 */
public class WorkflowException extends RuntimeException {
    public WorkflowException(String message) {
        super(message);
    }

    public WorkflowException(String message, Throwable cause) {
        super(message, cause);
    }
}
