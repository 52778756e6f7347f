package io.reactory.workflow.api;

/** No workflow instance exists with the given id (it never existed, or cleanup removed it). */
public class InstanceNotFoundException extends WorkflowException {
    private final String instanceId;

    public InstanceNotFoundException(String instanceId) {
        super("workflow instance '" + instanceId + "' does not exist");
        this.instanceId = instanceId;
    }

    public String instanceId() {
        return instanceId;
    }
}
