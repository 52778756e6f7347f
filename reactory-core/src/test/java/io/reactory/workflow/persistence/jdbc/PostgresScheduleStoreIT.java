package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.ScheduleStoreContract;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;

class PostgresScheduleStoreIT extends ScheduleStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return WorkflowStores.open(TestDatabases.postgres());
    }
}
