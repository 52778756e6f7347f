package io.reactory.workflow.api;

/** The workflow's configuration says {@code enabled: false}: new starts are refused, running instances go on. */
public class WorkflowDisabledException extends WorkflowException {
    private final String workflowId;

    public WorkflowDisabledException(String workflowId) {
        super("workflow '" + workflowId + "' is disabled by its configuration; new starts are refused");
        this.workflowId = workflowId;
    }

    public String workflowId() {
        return workflowId;
    }
}
