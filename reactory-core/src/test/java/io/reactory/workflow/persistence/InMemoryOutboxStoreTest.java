package io.reactory.workflow.persistence;

import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;

class InMemoryOutboxStoreTest extends OutboxStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return new InMemoryWorkflowStore();
    }
}
