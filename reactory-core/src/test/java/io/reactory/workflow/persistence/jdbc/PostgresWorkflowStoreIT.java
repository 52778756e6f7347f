package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStoreContract;
import io.reactory.workflow.persistence.WorkflowStores;

/** The store contract on a new PostgreSQL schema; leases judged by the contract's clock, which it moves past them. */
class PostgresWorkflowStoreIT extends WorkflowStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return WorkflowStores.open(TestDatabases.postgres().withLeaseClock(DatabaseOptions.LeaseClock.ENGINE));
    }
}
