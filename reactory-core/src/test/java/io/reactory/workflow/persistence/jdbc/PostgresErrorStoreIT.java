package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.ErrorStoreContract;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;

/** Leases judged by the engine's clock, which the contract moves past a lease to make a commit stale. */
class PostgresErrorStoreIT extends ErrorStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return WorkflowStores.open(TestDatabases.postgres().withLeaseClock(DatabaseOptions.LeaseClock.ENGINE));
    }
}
