package io.reactory.workflow.api;

/**
 * The lifecycle states of a workflow instance, exactly as the specification draws them.
 *
 * <pre>
 * PENDING → RUNNING → {PAUSED, COMPLETED, FAILED, CANCELLED}
 * PAUSED  → {RUNNING, CANCELLED}
 * FAILED  → {RUNNING (retry), CLEANING_UP}
 * {COMPLETED, CANCELLED} → CLEANING_UP → removed
 * </pre>
 *
 * A RUNNING instance may be executing a step or durably waiting (on a delay, an event or a retry back-off): waiting
 * holds no thread.
 */
public enum WorkflowStatus {
    PENDING,
    RUNNING,
    PAUSED,
    COMPLETED,
    FAILED,
    CANCELLED,
    CLEANING_UP;

    /** True for the states in which no step will run again unless a user acts (retry) or cleanup removes it. */
    public boolean isFinished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == CLEANING_UP;
    }
}
