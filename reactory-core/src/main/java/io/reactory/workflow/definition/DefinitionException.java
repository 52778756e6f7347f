package io.reactory.workflow.definition;

import io.reactory.workflow.api.WorkflowException;

/** A workflow definition is invalid (empty branch, unknown step, duplicate id...) and was not registered. */
public class DefinitionException extends WorkflowException {
    private final String workflowId;
    private final String version;

    public DefinitionException(String workflowId, String version, String problem) {
        super("workflow '" + workflowId + "' version " + version + ": " + problem);
        this.workflowId = workflowId;
        this.version = version;
    }

    public String workflowId() {
        return workflowId;
    }

    public String version() {
        return version;
    }
}
