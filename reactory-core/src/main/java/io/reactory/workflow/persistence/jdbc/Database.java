package io.reactory.workflow.persistence.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.reactory.workflow.persistence.PoolStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One database: its connection pool, its migrations (run when it is opened) and the transaction discipline every
 * JDBC sub-store follows. SQLite has one writer: write transactions of this process queue in {@link SqliteWrites}
 * instead of spinning on {@code SQLITE_BUSY} (other processes on the same file wait on the busy timeout).
 */
public final class Database implements AutoCloseable {
    private final DatabaseOptions options;
    private final HikariDataSource dataSource;
    private final SqliteWrites sqliteWrites;

    private Database(DatabaseOptions options, HikariDataSource dataSource) {
        this.options = options;
        this.dataSource = dataSource;
        this.sqliteWrites = options.dialect() == Dialect.SQLITE ? new SqliteWrites(this) : null;
    }

    /** Connects, creates or upgrades the schema with the dialect's Flyway migrations, and returns the database. */
    public static Database open(DatabaseOptions options) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(options.url());
        config.setPoolName("reactory-" + options.dialect().kind());
        config.setMaximumPoolSize(options.maxPoolSize());
        config.setConnectionTimeout(options.connectTimeout().toMillis());
        config.setAutoCommit(true);
        if (options.dialect() == Dialect.SQLITE) {
            createFolder(options.url());
            // Commits that survive power loss (FULL), readers that do not block the writer (WAL).
            config.addDataSourceProperty("journal_mode", "WAL");
            config.addDataSourceProperty("synchronous", "FULL");
            config.addDataSourceProperty("busy_timeout", "30000");
            config.addDataSourceProperty("foreign_keys", "true");
        } else {
            if (options.user() != null) {
                config.setUsername(options.user());
            }
            if (options.password() != null) {
                config.setPassword(options.password());
            }
            if (options.schema() != null) {
                config.setSchema(options.schema());
            }
            config.addDataSourceProperty("reWriteBatchedInserts", "true");
            // A network that drops packets without closing the connection must not hang a claim or a commit (and
            // the loop that waits for it) forever: statements give up after a minute, dead peers are detected by
            // TCP keep-alives, and the pool tests idle connections.
            config.addDataSourceProperty("socketTimeout", "60");
            config.addDataSourceProperty("tcpKeepAlive", "true");
            config.setKeepaliveTime(Duration.ofSeconds(30).toMillis());
            // The pool is built even when the first connection fails, so the migration below reports the cause
            // (unreachable host, bad credentials) instead of a pool start-up error; after start-up, connections the
            // server cuts are replaced by the pool and the failed operation is retried by its caller.
            config.setInitializationFailTimeout(-1);
        }
        HikariDataSource dataSource = new HikariDataSource(config);
        try {
            var flyway = Flyway.configure().dataSource(dataSource).locations(options.dialect().migrations());
            if (options.schema() != null) {
                flyway.schemas(options.schema()).createSchemas(true);
            }
            flyway.load().migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new StoreException("could not migrate the " + options.dialect().kind() + " schema at "
                    + options.url() + ": " + e.getMessage(), e);
        }
        return new Database(options, dataSource);
    }

    private static void createFolder(String url) {
        Path file = Path.of(url.substring("jdbc:sqlite:".length()));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the folder of the SQLite file " + file, e);
            }
        }
    }

    public Dialect dialect() {
        return options.dialect();
    }

    public DatabaseOptions options() {
        return options;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    /**
     * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. On SQLite the
     * transactions of this process are written one at a time, concurrent ones sharing a commit (see
     * {@link SqliteWrites}); {@code work} must then touch nothing but {@code connection}, as it may run on another
     * caller's thread, and must never commit or roll back the connection itself: to undo its own writes it rolls back
     * to a savepoint it set (the transaction may hold other callers' writes).
     */
    public <T> T transaction(SqlWork<T> work) {
        return sqliteWrites != null ? sqliteWrites.run(work) : alone(work);
    }

    /** SQLite transactions waiting for the writer (0 on PostgreSQL). */
    int sqliteQueued() {
        return sqliteWrites == null ? 0 : sqliteWrites.queued();
    }

    /** Runs {@code work} in a transaction of its own. */
    <T> T alone(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                // before the finally: the SQLite driver's setAutoCommit(true) commits what is still open
                rollback(connection, e);
                throw e;
            } finally {
                restoreAutoCommit(connection);
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    StoreException failed(SQLException e) {
        return new StoreException(options.dialect().kind() + " transaction failed: " + e.getMessage(), e);
    }

    /** Runs {@code work} on a connection in auto-commit mode (reads, single statements). */
    public <T> T read(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StoreException(options.dialect().kind() + " query failed: " + e.getMessage(), e);
        }
    }

    /** Best effort: a connection that cannot be reset is broken and the pool evicts it; the real error stands. */
    static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ignored) {
            // the pool validates the connection before it is handed out again
        }
    }

    static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** The pool's figures, for the store metrics. */
    public PoolStats pool() {
        HikariPoolMXBean bean = dataSource.getHikariPoolMXBean();
        if (bean == null) {
            return new PoolStats(0, 0, 0, options.maxPoolSize());
        }
        return new PoolStats(bean.getActiveConnections(), bean.getIdleConnections(),
                bean.getThreadsAwaitingConnection(), options.maxPoolSize());
    }

    @Override
    public void close() {
        if (sqliteWrites != null) {
            sqliteWrites.close();
        }
        dataSource.close();
    }
}
