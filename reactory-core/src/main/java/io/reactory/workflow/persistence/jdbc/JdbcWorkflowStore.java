package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.ErrorStore;
import io.reactory.workflow.persistence.EventStore;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.OutboxStore;
import io.reactory.workflow.persistence.PoolStats;
import io.reactory.workflow.persistence.ScheduleStore;
import io.reactory.workflow.persistence.WorkflowStore;
import java.time.Clock;
import java.util.Optional;

/**
 * The durable store: every aggregate in one SQL database (SQLite file or PostgreSQL), written through one
 * {@link Database}. Open it with {@link io.reactory.workflow.persistence.WorkflowStores}.
 */
public final class JdbcWorkflowStore implements WorkflowStore {
    private final Database database;
    private final JdbcScheduleStore schedules;
    private final JdbcErrorStore errors;
    private final JdbcOutboxStore outbox;

    public JdbcWorkflowStore(Database database) {
        this(database, Clock.systemUTC());
    }

    /**
     * @param processClock the clock that stands in for the database's on SQLite (a file has one process) where leases
     *                     are judged by the database clock
     */
    public JdbcWorkflowStore(Database database, Clock processClock) {
        this.database = database;
        this.schedules = new JdbcScheduleStore(database);
        this.errors = new JdbcErrorStore(database);
        this.outbox = new JdbcOutboxStore(database, processClock);
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
    public ErrorStore errors() {
        return errors;
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
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
