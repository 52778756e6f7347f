package io.reactory.workflow.scheduling;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;

/** The cluster contract with every node on one in-memory store object (threads stand in for JVMs). */
class InMemoryClusterFiringTest extends ClusterFiringContract {
    private final InMemoryWorkflowStore shared = new InMemoryWorkflowStore();

    @Override
    protected WorkflowStore openStore() {
        return shared;
    }
}
