package io.reactory.workflow.lifecycle;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.JdbcWorkflowStore;
import io.reactory.workflow.persistence.jdbc.TestDatabases;

/** The LifecycleManager's admission scenarios on Sqlite; a restart opens the same database again. */
class SqliteAdmissionIT extends AdmissionContract {
    @Override
    protected WorkflowStore createStore() {
        return WorkflowStores.open(TestDatabases.sqlite().withLeaseClock(DatabaseOptions.LeaseClock.ENGINE));
    }

    @Override
    protected WorkflowStore reopen(WorkflowStore closed) {
        return WorkflowStores.open(((JdbcWorkflowStore) closed).database().options());
    }
}
