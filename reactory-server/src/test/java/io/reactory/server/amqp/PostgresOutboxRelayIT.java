package io.reactory.server.amqp;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.TestDatabases;

class PostgresOutboxRelayIT extends JdbcOutboxRelayContract {
    private final DatabaseOptions schema = TestDatabases.postgres();

    @Override
    protected WorkflowStore openStore() {
        return WorkflowStores.open(schema);
    }
}
