package io.reactory.workflow.persistence;

/** The state of one step activation. */
public enum PointerStatus {
    /** Ready to run (now, or at {@code sleepUntil} for a retry back-off). */
    PENDING,
    /** Durably paused until {@code sleepUntil} (a delay, or a step that asked to sleep). */
    SLEEPING,
    /** Parked until the event it waits for is delivered. */
    WAITING_EVENT,
    /** A container waiting for its children to finish. */
    WAITING_CHILDREN,
    /** Running the compensations of a failed saga. */
    COMPENSATING,
    COMPLETE,
    FAILED,
    CANCELLED,
    COMPENSATED;

    public boolean isActive() {
        return switch (this) {
            case PENDING, SLEEPING, WAITING_EVENT, WAITING_CHILDREN, COMPENSATING -> true;
            default -> false;
        };
    }
}
