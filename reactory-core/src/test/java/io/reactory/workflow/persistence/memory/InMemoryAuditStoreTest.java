package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditStoreContract;
import io.reactory.workflow.persistence.WorkflowStore;

class InMemoryAuditStoreTest extends AuditStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return new InMemoryWorkflowStore();
    }

    @Override
    protected void overwrite(WorkflowStore store, AuditEntry edited) {
        ((MemoryAuditStore) store.audit()).overwrite(edited);
    }
}
