package io.reactory.workflow.api;

/** A lifecycle transition that the specification's state diagram does not allow was requested. */
public class IllegalTransitionException extends WorkflowException {
    private final String instanceId;
    private final WorkflowStatus current;
    private final WorkflowStatus requested;

    public IllegalTransitionException(String instanceId, WorkflowStatus current, WorkflowStatus requested) {
        this(instanceId, current, requested, "workflow instance '" + instanceId + "' cannot go from " + current
                + " to " + requested);
    }

    /** For subclasses that say why a transition the diagram has is refused for this instance. */
    protected IllegalTransitionException(String instanceId, WorkflowStatus current, WorkflowStatus requested,
                                         String message) {
        super(message);
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
