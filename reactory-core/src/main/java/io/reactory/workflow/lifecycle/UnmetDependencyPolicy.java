package io.reactory.workflow.lifecycle;

/**
 * What happens to a waiting instance when one of its dependencies can no longer be met (its target was cancelled,
 * or failed when completion was required) or its wait timed out. Either way the instance goes PENDING → RUNNING →
 * FAILED or CANCELLED without running a step (the state diagram has no arrow from PENDING to either), with the
 * reason {@code DEPENDENCY_FAILED} or {@code DEPENDENCY_TIMEOUT} and a message naming the dependency.
 */
public enum UnmetDependencyPolicy {
    /** The dependent fails (default); it can be retried, which starts it without waiting again. */
    FAIL,
    /** The dependent is cancelled. */
    CANCEL
}
