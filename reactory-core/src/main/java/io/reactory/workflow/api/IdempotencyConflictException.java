package io.reactory.workflow.api;

/**
 * A start gave an idempotency key that already belongs to an instance of another workflow. Returning that instance
 * would hand the caller someone else's run (and its data), so the start is refused instead; nothing is started.
 * Choose keys that are unique per workflow (the REST API and the AMQP adapter scope theirs with
 * {@link IdempotencyKeys#scoped}).
 */
public class IdempotencyConflictException extends WorkflowException {
    private final String workflowId;
    private final String existingInstanceId;
    private final String existingWorkflowId;

    public IdempotencyConflictException(String workflowId, String existingInstanceId, String existingWorkflowId) {
        // the other workflow is not named: the key may have come from another tenant
        super("the idempotency key is already used by an instance of another workflow; no instance of workflow '"
                + workflowId + "' was started (use a key unique to this workflow)");
        this.workflowId = workflowId;
        this.existingInstanceId = existingInstanceId;
        this.existingWorkflowId = existingWorkflowId;
    }

    /** The workflow the refused start asked for. */
    public String workflowId() {
        return workflowId;
    }

    /** The instance that holds the key. */
    public String existingInstanceId() {
        return existingInstanceId;
    }

    /** The workflow of the instance that holds the key. */
    public String existingWorkflowId() {
        return existingWorkflowId;
    }
}
