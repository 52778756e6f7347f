package io.reactory.workflow.api;

/** A lifecycle transition that the specification's state diagram does not allow was requested. */
public class IllegalTransitionException extends WorkflowException {
    private final String instanceId;
    private final WorkflowStatus current;
    private final WorkflowStatus requested;

    public IllegalTransitionException(String instanceId, WorkflowStatus current, WorkflowStatus requested) {
        super("workflow instance '" + instanceId + "' cannot go from " + current + " to " + requested);
        this.instanceId = instanceId;
        this.current = current;
        this.requested = requested;
    }

    /** @param why why the transition is refused although the diagram may have it (never workflow data) */
    public IllegalTransitionException(String instanceId, WorkflowStatus current, WorkflowStatus requested, String why) {
        super("workflow instance '" + instanceId + "' cannot go from " + current + " to " + requested + ": " + why);
        this.instanceId = instanceId;
        this.current = current;
        this.requested = requested;
    }

    public String instanceId() {
        return instanceId;
    }

    public WorkflowStatus current() {
        return current;
    }

    public WorkflowStatus requested() {
        return requested;
    }
}
