package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.OutboxStoreContract;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;

/** Leases judged by the engine's clock, which the contract moves past a lease to make a commit stale. */
class PostgresOutboxStoreIT extends OutboxStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return WorkflowStores.open(TestDatabases.postgres().withLeaseClock(DatabaseOptions.LeaseClock.ENGINE));
    }
}
