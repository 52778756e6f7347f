package io.reactory.bench;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Opens the store a benchmark asked for with {@code --store}. Every run starts on an empty database: SQLite in a new
 * temporary folder (or {@code --data DIR}), PostgreSQL in a new schema of {@code --db URL} (default the local test
 * database), both removed when the harness exits so runs do not accumulate rows.
 */
final class Stores {
    static final String DEFAULT_PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private final BenchOptions options;
    private final DatabaseOptions database;

    private Stores(BenchOptions options, DatabaseOptions database) {
        this.options = options;
        this.database = database;
    }

    /** The database of this run, created once; {@link #open()} connects one more node to it. */
    static Stores forRun(BenchOptions options) {
        return switch (options.store()) {
            case "memory" -> new Stores(options, null);
            case "sqlite" -> new Stores(options, DatabaseOptions.sqlite(sqliteFolder(options).resolve("reactory.db")));
            case "postgres" -> {
                String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
                DatabaseOptions db = DatabaseOptions.postgres(pgUrl(options), pgUser(options), pgPassword(options))
                        .withSchema(schema)
                        .withMaxPoolSize(Integer.parseInt(options.option("pool", "8")));
                Runtime.getRuntime().addShutdownHook(new Thread(() -> dropSchema(db)));
                yield new Stores(options, db);
            }
            default -> throw new IllegalArgumentException("unknown store '" + options.store() + "'; known: "
                    + String.join(", ", BenchOptions.storeNames()));
        };
    }

    /** Opens the store a single-node benchmark uses. */
    static WorkflowStore open(BenchOptions options) {
        return forRun(options).open();
    }

    /** A new connection (a new pool) to this run's database: one per engine node. */
    WorkflowStore open() {
        return database == null ? new InMemoryWorkflowStore() : WorkflowStores.open(database);
    }

    DatabaseOptions database() {
        return database;
    }

    static String pgUrl(BenchOptions options) {
        return options.option("db", DEFAULT_PG_URL);
    }

    static String pgUser(BenchOptions options) {
        return options.option("db-user", System.getenv().getOrDefault("REACTORY_DB_USER", "postgres"));
    }

    static String pgPassword(BenchOptions options) {
        return options.option("db-password", System.getenv().getOrDefault("REACTORY_DB_PASSWORD", ""));
    }

    private static Path sqliteFolder(BenchOptions options) {
        String data = options.option("data", null);
        try {
            if (data != null) {
                return Files.createDirectories(Path.of(data));
            }
            Path folder = Files.createTempDirectory("reactory-bench");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(folder)));
            return folder;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the SQLite folder", e);
        }
    }

    private static void deleteTree(Path folder) {
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + folder + ": " + e.getMessage());
        }
    }

    private static void dropSchema(DatabaseOptions db) {
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + db.schema() + " CASCADE");
        } catch (SQLException e) {
            System.err.println("could not drop the benchmark schema " + db.schema() + ": " + e.getMessage());
        }
    }
}
