package io.reactory.workflow.api;

/**
 * {@link WorkflowRunner#retryWorkflow} was asked for a FAILED instance whose failure cannot be retried: the diagram
 * has FAILED → RUNNING, but this instance has nothing a retry could run. {@link #failureReason()} says which case:
 *
 * <ul>
 *   <li>{@code TIMEOUT}: the workflow timeout cancelled every pointer of the instance, and its deadline has passed
 *       for good (a retry would fail again at once, or, with a definition that lost its timeout, stay RUNNING with
 *       nothing to run);</li>
 *   <li>{@code COMPENSATED}: its completed steps were compensated (undone).</li>
 * </ul>
 *
 * In both cases start a new instance. Answered 409 {@code illegal-transition} by the REST API.
 */
public class RetryNotAllowedException extends IllegalTransitionException {
    private final String failureReason;

    public RetryNotAllowedException(String instanceId, String failureReason, String why) {
        super(instanceId, WorkflowStatus.FAILED, WorkflowStatus.RUNNING, "workflow instance '" + instanceId
                + "' cannot be retried: it failed with reason " + failureReason + " (" + why
                + "); start a new instance instead");
        this.failureReason = failureReason;
    }

    /** The instance's failure reason ({@code TIMEOUT}, {@code COMPENSATED}). */
    public String failureReason() {
        return failureReason;
    }
}
