package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditStoreContract;
import io.reactory.workflow.persistence.WorkflowStore;

class PostgresAuditStoreIT extends AuditStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return new JdbcWorkflowStore(Database.open(TestDatabases.postgres()));
    }

    @Override
    protected void overwrite(WorkflowStore store, AuditEntry edited) {
        AuditRows.overwrite(((JdbcWorkflowStore) store).database(), edited);
    }
}
