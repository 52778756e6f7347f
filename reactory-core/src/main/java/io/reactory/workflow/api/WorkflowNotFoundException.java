package io.reactory.workflow.api;

/** No workflow definition is registered under the requested id (and version, when one was given). */
public class WorkflowNotFoundException extends WorkflowException {
    private final String workflowId;
    private final String version;

    public WorkflowNotFoundException(String workflowId, String version) {
        super(version == null
                ? "no workflow '" + workflowId + "' is registered"
                : "no workflow '" + workflowId + "' version " + version + " is registered");
        this.workflowId = workflowId;
        this.version = version;
    }

    public String workflowId() {
        return workflowId;
    }

    /** The requested version, or null when the latest was requested. */
    public String version() {
        return version;
    }
}
