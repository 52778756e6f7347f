package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.EventStore;
import io.reactory.workflow.persistence.NodeRegistry;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.PoolStats;
import io.reactory.workflow.persistence.StoreObserver;
import io.reactory.workflow.persistence.WorkflowStore;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The durable store: every aggregate in one SQL database (SQLite file or PostgreSQL), written through one
 * {@link Database}. Open it with {@link io.reactory.workflow.persistence.WorkflowStores}.
 */
public final class JdbcWorkflowStore implements WorkflowStore {
    private final Database database;
    private final WorkNotifier notifier;
    private final StoreTimings timings = new StoreTimings();
    private final JdbcInstanceStore instances;
    private final JdbcEventStore events;
    private final JdbcNodeRegistry nodes;

    /** A store whose instance commits refuse error records and outbox messages (no tables written for them yet). */
    public JdbcWorkflowStore(Database database) {
        this(database, Clock.systemUTC(), refusing("error records"), refusing("outbox messages"));
    }

    /**
     * @param clock      this process's clock: lease expiry on SQLite (with {@link DatabaseOptions.LeaseClock#DATABASE})
     *                   and the wait until a lease expires
     * @param errorRows  inserts the error records of an instance commit in its transaction
     * @param outboxRows inserts the outbox messages of an instance commit (or creation) in its transaction
     */
    public JdbcWorkflowStore(Database database, Clock clock, CommitRows<ErrorRecord> errorRows,
                             CommitRows<OutboxMessage> outboxRows) {
        this.database = database;
        this.notifier = new WorkNotifier(database.options());
        this.instances = new JdbcInstanceStore(database, clock, errorRows, outboxRows, notifier, timings);
        this.events = new JdbcEventStore(database, notifier);
        this.nodes = new JdbcNodeRegistry(database,
                new LeaseTime(database.dialect(), database.options().leaseClock(), clock), clock);
    }

    /** Rows this store cannot write yet: a commit carrying any fails instead of dropping them. */
    private static <T> CommitRows<T> refusing(String what) {
        return (Connection connection, List<T> rows) -> {
            if (!rows.isEmpty()) {
                throw new UnsupportedOperationException("this store cannot write " + what + " yet");
            }
        };
    }

    public Database database() {
        return database;
    }

    @Override
    public JdbcInstanceStore instances() {
        return instances;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public Optional<NodeRegistry> nodes() {
        return Optional.of(nodes);
    }

    @Override
    public String kind() {
        return database.dialect().kind();
    }

    @Override
    public void addWakeListener(Runnable listener) {
        notifier.addListener(listener);
    }

    @Override
    public void addObserver(StoreObserver observer) {
        timings.add(observer);
    }

    @Override
    public Optional<PoolStats> pool() {
        return Optional.of(database.pool());
    }

    @Override
    public void close() {
        notifier.close();
        database.close();
    }
}
