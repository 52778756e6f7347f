package io.reactory.workflow.persistence;

import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;

class InMemoryWorkflowStoreTest extends WorkflowStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return new InMemoryWorkflowStore();
    }
}
