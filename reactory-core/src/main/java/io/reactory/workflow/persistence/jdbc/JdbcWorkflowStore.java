package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.EventStore;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.PoolStats;
import io.reactory.workflow.persistence.ScheduleStore;
import io.reactory.workflow.persistence.WorkflowStore;
import java.util.Optional;

/**
 * The durable store: every aggregate in one SQL database (SQLite file or PostgreSQL), written through one
 * {@link Database}. Open it with {@link io.reactory.workflow.persistence.WorkflowStores}.
 */
public final class JdbcWorkflowStore implements WorkflowStore {
    private final Database database;
    private final JdbcScheduleStore schedules;

    public JdbcWorkflowStore(Database database) {
        this.database = database;
        this.schedules = new JdbcScheduleStore(database);
    }

    public Database database() {
        return database;
    }

    @Override
    public InstanceStore instances() {
        throw new UnsupportedOperationException("instances: being written (issue 3)");
    }

    @Override
    public EventStore events() {
        throw new UnsupportedOperationException("events: being written (issue 3)");
    }

    @Override
    public ScheduleStore schedules() {
        return schedules;
    }

    @Override
    public String kind() {
        return database.dialect().kind();
    }

    @Override
    public Optional<PoolStats> pool() {
        return Optional.of(database.pool());
    }

    @Override
    public void close() {
        database.close();
    }
}
