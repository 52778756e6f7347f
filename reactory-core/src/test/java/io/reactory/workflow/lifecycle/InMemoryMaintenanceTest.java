package io.reactory.workflow.lifecycle;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;

/** Cleanup, resource limits and statistics on the in-memory store; a restart is a second engine on the same store object. */
class InMemoryMaintenanceTest extends MaintenanceContract {
    @Override
    protected WorkflowStore createStore() {
        return new InMemoryWorkflowStore();
    }

    @Override
    protected WorkflowStore reopen(WorkflowStore closed) {
        return closed;
    }
}
