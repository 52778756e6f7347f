package io.reactory.workflow.persistence;

import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;

/** A restart on the in-memory store: a second engine on the same store object. */
class InMemoryResilienceTest extends ResilienceStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return new InMemoryWorkflowStore();
    }

    @Override
    protected WorkflowStore reopen(WorkflowStore closed) {
        return closed;
    }
}
