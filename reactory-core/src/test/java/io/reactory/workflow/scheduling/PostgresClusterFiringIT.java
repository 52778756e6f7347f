package io.reactory.workflow.scheduling;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.TestDatabases;
import java.time.Duration;

/**
 * Issue 5's cluster acceptance on PostgreSQL: three nodes, each with a connection pool of its own, on one schema;
 * 50 schedules firing every second for 30 s. The nodes share a JVM here (the store is all they share); the nodes
 * in separate processes, with the busiest one killed, are {@link PostgresClusterFiringProcessesIT}.
 */
class PostgresClusterFiringIT extends ClusterFiringContract {
    private final DatabaseOptions schema = TestDatabases.postgres().withMaxPoolSize(6);

    @Override
    protected WorkflowStore openStore() {
        return WorkflowStores.open(schema);
    }

    @Override
    protected Duration runFor() {
        return Duration.ofSeconds(30);
    }
}
