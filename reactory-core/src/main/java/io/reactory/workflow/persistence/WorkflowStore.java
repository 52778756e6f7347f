package io.reactory.workflow.persistence;

/**
 * Where instances, events, error records, schedules, outbox messages, lifecycle data, audit entries and API keys live: one store per
 * database, composed of one sub-store per aggregate. Implementations: {@code InMemoryWorkflowStore} (tests,
 * ephemeral runs), the SQLite store (embedded default) and the PostgreSQL store (clusters). All pass the same
 * contract test suite.
 *
 * <p>Implementations are thread-safe.
 */
public interface WorkflowStore extends AutoCloseable {

    InstanceStore instances();

    EventStore events();

    /**
     * The transactional outbox of lifecycle events and alerts, filled with instance commits when the runner is
     * told to ({@link io.reactory.workflow.api.RunnerOptions#lifecycleOutbox()}).
     *
     * @throws UnsupportedOperationException from stores without an outbox
     */
    default OutboxStore outbox() {
        throw new UnsupportedOperationException("the " + kind() + " store has no transactional outbox");
    }

    /**
     * The ErrorHandler's failure records, written with {@link InstanceStore#commit}.
     *
     * @throws UnsupportedOperationException from stores that do not keep error records yet
     */
    default ErrorStore errors() {
        throw new UnsupportedOperationException("the " + kind() + " store does not keep error records");
    }

    /**
     * Schedules and their fire records (the scheduler's aggregate).
     *
     * @throws UnsupportedOperationException from stores that do not keep schedules yet
     */
    default ScheduleStore schedules() {
        throw new UnsupportedOperationException("the " + kind() + " store does not keep schedules yet");
    }

    /**
     * Dependencies, the admission queue of limited workflows, wake-ups and the look-ups of statistics and cleanup
     * (the LifecycleManager's aggregate).
     *
     * @throws UnsupportedOperationException from stores that do not keep them yet
     */
    default LifecycleStore lifecycle() {
        throw new UnsupportedOperationException("the " + kind() + " store does not keep lifecycle data yet");
    }

    /**
     * The audit log and security events, in the same database as the workflows.
     *
     * @throws UnsupportedOperationException when this store does not keep an audit log (yet)
     */
    default AuditStore audit() {
        throw new UnsupportedOperationException("the " + kind() + " store does not keep an audit log");
    }

    /**
     * Hashed API keys.
     *
     * @throws UnsupportedOperationException when this store does not keep API keys (yet)
     */
    default ApiKeyStore apiKeys() {
        throw new UnsupportedOperationException("the " + kind() + " store does not keep API keys");
    }

    /**
     * The registry of engine nodes and their heartbeats, for stores that several nodes share; empty for stores that
     * one process owns (in memory).
     */
    default java.util.Optional<NodeRegistry> nodes() {
        return java.util.Optional.empty();
    }

    /** A short name for logs and benchmark output ({@code memory}, {@code sqlite}, {@code postgres}). */
    String kind();

    /**
     * Registers a callback run (on some store thread, quickly) when work may have appeared that this process did not
     * create itself: a signal, an event, or another node's release. Stores without cross-process notification call it
     * for their own writes only.
     */
    default void addWakeListener(Runnable listener) {}

    /**
     * Adds an observer of this store's operation timings (store-latency metrics). Stores that do not time their
     * operations ignore it.
     */
    default void addObserver(StoreObserver observer) {}

    /** The connection pool's figures, or empty for stores without a pool (in memory). */
    default java.util.Optional<PoolStats> pool() {
        return java.util.Optional.empty();
    }

    /**
     * Checks that the store answers (health checks): a cheap read. Returns normally when it does.
     *
     * @throws RuntimeException when the store cannot be reached or fails
     */
    default void ping() {
        instances().nextDue();
    }

    @Override
    default void close() {}
}
