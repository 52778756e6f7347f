package io.reactory.workflow.persistence;

import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;

class InMemoryScheduleStoreTest extends ScheduleStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return new InMemoryWorkflowStore();
    }
}
