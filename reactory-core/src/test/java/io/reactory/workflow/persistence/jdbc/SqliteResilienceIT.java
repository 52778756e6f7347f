package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.ResilienceStoreContract;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;

/**
 * Issue 4's restart acceptance on the embedded store: the first engine's store is closed and the same file opened
 * again, as a restarted process opens it; the back-off and the breaker hold continue from what the file holds.
 */
class SqliteResilienceIT extends ResilienceStoreContract {
    private final DatabaseOptions file = TestDatabases.sqlite();

    @Override
    protected WorkflowStore createStore() {
        return WorkflowStores.open(file);
    }

    @Override
    protected WorkflowStore reopen(WorkflowStore closed) {
        return WorkflowStores.open(file);
    }
}
