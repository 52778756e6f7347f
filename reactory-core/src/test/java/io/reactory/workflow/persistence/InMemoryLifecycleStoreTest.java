package io.reactory.workflow.persistence;

import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;

class InMemoryLifecycleStoreTest extends LifecycleStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return new InMemoryWorkflowStore();
    }
}
