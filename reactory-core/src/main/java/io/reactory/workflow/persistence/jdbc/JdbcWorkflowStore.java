package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.ApiKeyStore;
import io.reactory.workflow.persistence.AuditStore;
import io.reactory.workflow.persistence.ErrorStore;
import io.reactory.workflow.persistence.EventStore;
import io.reactory.workflow.persistence.LifecycleStore;
import io.reactory.workflow.persistence.NodeRegistry;
import io.reactory.workflow.persistence.OutboxStore;
import io.reactory.workflow.persistence.PoolStats;
import io.reactory.workflow.persistence.ScheduleStore;
import io.reactory.workflow.persistence.StoreObserver;
import io.reactory.workflow.persistence.WorkflowStore;
import java.time.Clock;
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
    private final JdbcErrorStore errors;
    private final JdbcOutboxStore outbox;
    private final JdbcScheduleStore schedules;
    private final JdbcLifecycleStore lifecycle;
    private final JdbcAuditStore audit;
    private final JdbcApiKeyStore apiKeys;
    private final JdbcNodeRegistry nodes;

    public JdbcWorkflowStore(Database database) {
        this(database, Clock.systemUTC());
    }

    /**
     * @param clock this process's clock: lease expiry on SQLite (with {@link DatabaseOptions.LeaseClock#DATABASE}),
     *              instance leases and the outbox relay lease alike, and the wait until a lease expires
     */
    public JdbcWorkflowStore(Database database, Clock clock) {
        this.database = database;
        this.notifier = new WorkNotifier(database.options());
        // Error records and outbox messages are written by the instance commit that carries them, in its transaction.
        this.errors = new JdbcErrorStore(database);
        this.outbox = new JdbcOutboxStore(database, clock);
        this.instances = new JdbcInstanceStore(database, clock, errors, outbox, notifier, timings);
        this.events = new JdbcEventStore(database, notifier);
        this.schedules = new JdbcScheduleStore(database);
        // admissions commit the instance they admit through the instance store, in the admission's transaction
        this.lifecycle = new JdbcLifecycleStore(database, new JdbcAdmissionQueue(database, instances, notifier));
        this.audit = new JdbcAuditStore(database);
        this.apiKeys = new JdbcApiKeyStore(database);
        this.nodes = new JdbcNodeRegistry(database,
                new LeaseTime(database.dialect(), database.options().leaseClock(), clock), clock);
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
    public LifecycleStore lifecycle() {
        return lifecycle;
    }

    @Override
    public AuditStore audit() {
        return audit;
    }

    @Override
    public ApiKeyStore apiKeys() {
        return apiKeys;
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
