package io.reactory.workflow.persistence;

import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;

class InMemoryEngineTest extends EngineStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return new InMemoryWorkflowStore();
    }
}
