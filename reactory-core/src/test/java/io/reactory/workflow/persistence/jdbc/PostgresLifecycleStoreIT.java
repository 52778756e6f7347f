package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.LifecycleStoreContract;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;

/** Dependency rows, admission and its ranking, wake-ups and cleanup queries on a new Postgres database. */
class PostgresLifecycleStoreIT extends LifecycleStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return WorkflowStores.open(TestDatabases.postgres().withLeaseClock(DatabaseOptions.LeaseClock.ENGINE));
    }
}
