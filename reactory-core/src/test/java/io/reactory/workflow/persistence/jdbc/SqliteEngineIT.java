package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.EngineStoreContract;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;

/** The engine's scenarios on a new SQLite file, leases judged by the engine's clock so the contract can move it. */
class SqliteEngineIT extends EngineStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return WorkflowStores.open(TestDatabases.sqlite().withLeaseClock(DatabaseOptions.LeaseClock.ENGINE));
    }
}
