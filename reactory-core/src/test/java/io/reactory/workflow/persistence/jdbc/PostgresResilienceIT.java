package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.ResilienceStoreContract;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;

/** The restart contract on PostgreSQL: the second engine connects with a new pool to the first one's schema. */
class PostgresResilienceIT extends ResilienceStoreContract {
    private final DatabaseOptions schema = TestDatabases.postgres();

    @Override
    protected WorkflowStore createStore() {
        return WorkflowStores.open(schema);
    }

    @Override
    protected WorkflowStore reopen(WorkflowStore closed) {
        return WorkflowStores.open(schema);
    }
}
