package io.reactory.workflow.persistence.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells engines that work appeared. In process: the wake listeners run after this store's own writes that create work.
 * Across nodes on PostgreSQL: writers {@code NOTIFY reactory_work} in the transaction that created the work (delivered
 * only if it commits), and a daemon thread {@code LISTEN}s on a dedicated connection, reconnecting when it drops.
 * The payload is the schema, so stores in other schemas of the same database ignore each other's notifications.
 */
final class WorkNotifier implements AutoCloseable {
    static final String CHANNEL = "reactory_work";
    private static final Logger log = LoggerFactory.getLogger(WorkNotifier.class);
    private static final int POLL_MILLIS = 1000;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final DatabaseOptions options;
    private final String payload;
    private final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition closing = lock.newCondition();
    private volatile boolean closed;
    private Thread listenerThread;
    private Connection listening;

    WorkNotifier(DatabaseOptions options) {
        this.options = options;
        this.payload = options.schema() == null ? "" : options.schema();
    }

    /** Registers a listener; on PostgreSQL the first one starts listening for other nodes' notifications. */
    void addListener(Runnable listener) {
        listeners.add(listener);
        if (options.dialect() == Dialect.POSTGRES) {
            lock.lock();
            try {
                if (listenerThread == null && !closed) {
                    listenerThread = Thread.ofPlatform().daemon(true).name("reactory-listen-" + CHANNEL)
                            .start(this::listen);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** Runs the listeners (after a write of this process committed work). */
    void wakeLocal() {
        for (Runnable listener : listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                log.warn("a wake listener failed: {}", e.toString());
            }
        }
    }

    /** Tells the other nodes, when {@code connection}'s transaction commits, that work appeared (PostgreSQL only). */
    void notifyOthers(Connection connection) throws SQLException {
        if (options.dialect() != Dialect.POSTGRES) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_notify('" + CHANNEL + "', ?)")) {
            statement.setString(1, payload);
            statement.execute();
        }
    }

    private void listen() {
        while (!closed) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                if (!setListening(connection)) {
                    return;
                }
                // work may have appeared while no one was listening
                wakeLocal();
                PGConnection pg = connection.unwrap(PGConnection.class);
                while (!closed) {
                    PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
                    if (notifications != null && matches(notifications)) {
                        wakeLocal();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    return;
                }
                log.warn("listening for {} failed; reconnecting in {}: {}", CHANNEL, RECONNECT_DELAY, e.toString());
                awaitReconnect();
            } finally {
                setListening(null);
            }
        }
    }

    /** A connection of its own (outside the pool: it is held for as long as the store is open), named for operators. */
    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        if (options.user() != null) {
            properties.setProperty("user", options.user());
        }
        if (options.password() != null) {
            properties.setProperty("password", options.password());
        }
        properties.setProperty("ApplicationName", applicationName());
        return DriverManager.getConnection(options.url(), properties);
    }

    /** How the listening connection shows in {@code pg_stat_activity}. */
    String applicationName() {
        return "reactory-listen" + (payload.isEmpty() ? "" : "-" + payload);
    }

    private boolean matches(PGNotification[] notifications) {
        for (PGNotification n : notifications) {
            if (CHANNEL.equals(n.getName()) && payload.equals(n.getParameter())) {
                return true;
            }
        }
        return false;
    }

    private boolean setListening(Connection connection) {
        lock.lock();
        try {
            listening = connection;
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    private void awaitReconnect() {
        lock.lock();
        try {
            if (!closed) {
                closing.await(RECONNECT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Thread thread;
        lock.lock();
        try {
            closed = true;
            closing.signalAll();
            thread = listenerThread;
            if (listening != null) {
                try {
                    // unblocks getNotifications at once instead of after its poll interval
                    listening.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
        } finally {
            lock.unlock();
        }
        if (thread != null) {
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
