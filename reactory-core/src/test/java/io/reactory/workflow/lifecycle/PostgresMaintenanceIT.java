package io.reactory.workflow.lifecycle;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.JdbcWorkflowStore;
import io.reactory.workflow.persistence.jdbc.TestDatabases;

/** The LifecycleManager's maintenance scenarios on Postgres; a restart opens the same database again. */
class PostgresMaintenanceIT extends MaintenanceContract {
    @Override
    protected WorkflowStore createStore() {
        return WorkflowStores.open(TestDatabases.postgres().withLeaseClock(DatabaseOptions.LeaseClock.ENGINE));
    }

    @Override
    protected WorkflowStore reopen(WorkflowStore closed) {
        return WorkflowStores.open(((JdbcWorkflowStore) closed).database().options());
    }
}
