package io.reactory.workflow.scheduling;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.TestDatabases;

/**
 * The cluster contract on PostgreSQL: three nodes, each with a connection pool of its own, on one schema, sharing
 * nothing else; the busiest is stopped half-way. Issue 5's acceptance as written (30 s, nodes in processes of their
 * own, the busiest one killed) is {@link PostgresClusterFiringProcessesIT}.
 */
class PostgresClusterFiringIT extends ClusterFiringContract {
    private final DatabaseOptions schema = TestDatabases.postgres().withMaxPoolSize(6);

    @Override
    protected WorkflowStore openStore() {
        return WorkflowStores.open(schema);
    }
}
