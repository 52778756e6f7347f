package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.LifecycleStoreContract;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;

/** Dependency rows, admission and its ranking, wake-ups and cleanup queries on a new Sqlite database. */
class SqliteLifecycleStoreIT extends LifecycleStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return WorkflowStores.open(TestDatabases.sqlite().withLeaseClock(DatabaseOptions.LeaseClock.ENGINE));
    }
}
