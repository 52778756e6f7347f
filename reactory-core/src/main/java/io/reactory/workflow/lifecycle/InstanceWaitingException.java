package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.IllegalTransitionException;
import io.reactory.workflow.api.WorkflowStatus;

/**
 * A PENDING instance that waits for its dependencies or for a slot under a concurrency limit was asked to be paused or
 * started by hand. It starts by itself when they allow; until then it can only be cancelled (pausing it would let it
 * skip them when resumed). Answered 409 {@code illegal-transition} by the REST API.
 */
public class InstanceWaitingException extends IllegalTransitionException {
    public InstanceWaitingException(String instanceId, WorkflowStatus requested) {
        super(instanceId, WorkflowStatus.PENDING, requested, "workflow instance '" + instanceId + "' cannot go from "
                + "PENDING to " + requested + ": it waits to start (for its dependencies or a free slot under a"
                + " concurrency limit) and starts by itself when they allow; it can be cancelled");
    }
}
