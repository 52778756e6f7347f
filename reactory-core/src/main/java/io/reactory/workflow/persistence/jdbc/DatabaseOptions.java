package io.reactory.workflow.persistence.jdbc;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a JDBC store keeps its state and how it connects.
 *
 * @param dialect        SQLite or PostgreSQL
 * @param url            the JDBC URL
 * @param user           PostgreSQL user, or null
 * @param password       PostgreSQL password, or null
 * @param schema         PostgreSQL schema to create and use (tests isolate themselves with one each), or null for
 *                       the connection's default
 * @param maxPoolSize    connections in the pool
 * @param leaseClock     whose clock judges lease expiry (see {@link LeaseClock})
 * @param connectTimeout how long to wait for a connection before an operation fails
 */
public record DatabaseOptions(Dialect dialect, String url, String user, String password, String schema, int maxPoolSize,
                              LeaseClock leaseClock, Duration connectTimeout) {

    /** Whose clock decides that a lease expired. */
    public enum LeaseClock {
        /**
         * The database's ({@code now()} on PostgreSQL, the store process's clock for the single-node SQLite file):
         * node clocks never decide, so a node with a skewed clock cannot steal or keep leases. The default.
         */
        DATABASE,
        /**
         * The {@code now} the engine passes to claims and renewals: for tests that move a controllable clock past a
         * lease (the store contract suite).
         */
        ENGINE
    }

    public DatabaseOptions {
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(leaseClock, "leaseClock");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("maxPoolSize must be at least 1, was " + maxPoolSize);
        }
    }

    /** The embedded file at {@code file} (created with its folder when missing). */
    public static DatabaseOptions sqlite(Path file) {
        return new DatabaseOptions(Dialect.SQLITE, "jdbc:sqlite:" + file.toAbsolutePath(), null, null, null, 4,
                LeaseClock.DATABASE, Duration.ofSeconds(30));
    }

    /** A PostgreSQL database. */
    public static DatabaseOptions postgres(String url, String user, String password) {
        return new DatabaseOptions(Dialect.POSTGRES, url, user, password, null, 16, LeaseClock.DATABASE,
                Duration.ofSeconds(10));
    }

    public DatabaseOptions withSchema(String schema) {
        return new DatabaseOptions(dialect, url, user, password, schema, maxPoolSize, leaseClock, connectTimeout);
    }

    public DatabaseOptions withMaxPoolSize(int maxPoolSize) {
        return new DatabaseOptions(dialect, url, user, password, schema, maxPoolSize, leaseClock, connectTimeout);
    }

    public DatabaseOptions withLeaseClock(LeaseClock leaseClock) {
        return new DatabaseOptions(dialect, url, user, password, schema, maxPoolSize, leaseClock, connectTimeout);
    }

    public DatabaseOptions withConnectTimeout(Duration connectTimeout) {
        return new DatabaseOptions(dialect, url, user, password, schema, maxPoolSize, leaseClock, connectTimeout);
    }
}
