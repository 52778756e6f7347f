package io.reactory.server.amqp;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.TestDatabases;

class SqliteOutboxRelayIT extends JdbcOutboxRelayContract {
    private final DatabaseOptions file = TestDatabases.sqlite();

    @Override
    protected WorkflowStore openStore() {
        return WorkflowStores.open(file);
    }
}
