package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.EngineStoreContract;
import io.reactory.workflow.persistence.WorkflowStore;
import java.time.Clock;

/**
 * The engine's scenarios on a new SQLite file. Failed steps' error records go to {@link RecordedRows}: the instance
 * store is tested here, the error store on its own.
 */
class SqliteEngineIT extends EngineStoreContract {
    @Override
    protected WorkflowStore createStore() {
        return new JdbcWorkflowStore(Database.open(TestDatabases.sqlite().withLeaseClock(DatabaseOptions.LeaseClock.ENGINE)),
                Clock.systemUTC(), new RecordedRows<>(), new RecordedRows<>());
    }
}
