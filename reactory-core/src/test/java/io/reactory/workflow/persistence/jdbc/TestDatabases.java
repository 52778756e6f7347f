package io.reactory.workflow.persistence.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;

/**
 * The real databases of the integration tests: a new SQLite file, or a new schema in the local PostgreSQL
 * ({@code REACTORY_TEST_PG_URL}, default {@code jdbc:postgresql://127.0.0.1:5432/test}, user {@code postgres}).
 * Without PostgreSQL the tests are skipped on a developer machine and fail when {@code CI} is set.
 */
public final class TestDatabases {
    public static final String PG_URL = System.getenv().getOrDefault("REACTORY_TEST_PG_URL",
            "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String PG_USER = System.getenv().getOrDefault("REACTORY_TEST_PG_USER", "postgres");
    public static final String PG_PASSWORD = System.getenv().getOrDefault("REACTORY_TEST_PG_PASSWORD", "");

    private TestDatabases() {}

    /** A new SQLite file in a new temporary folder. */
    public static DatabaseOptions sqlite() {
        try {
            return DatabaseOptions.sqlite(Files.createTempDirectory("reactory-sqlite").resolve("reactory.db"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A new, empty schema in the test PostgreSQL. */
    public static DatabaseOptions postgres() {
        requirePostgres();
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        created.add(schema);
        return DatabaseOptions.postgres(PG_URL, PG_USER, PG_PASSWORD).withSchema(schema).withMaxPoolSize(8);
    }

    /** Schemas made by this test JVM, dropped when it exits (child JVMs of a test are gone by then). */
    private static final java.util.Queue<String> created = new java.util.concurrent.ConcurrentLinkedQueue<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropCreatedSchemas, "drop-test-schemas"));
    }

    private static void dropCreatedSchemas() {
        if (created.isEmpty()) {
            return;
        }
        try (var c = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD); var s = c.createStatement()) {
            for (String schema : created) {
                s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test schemas: " + e.getMessage());
        }
    }

    /** Skips the calling test when PostgreSQL is not reachable, or fails it when {@code CI} is set. */
    public static void requirePostgres() {
        try (var ignored = DriverManager.getConnection(PG_URL, PG_USER, PG_PASSWORD)) {
            // reachable
        } catch (SQLException e) {
            if (System.getenv("CI") != null) {
                throw new AssertionError("PostgreSQL is required in CI and not reachable at " + PG_URL, e);
            }
            Assumptions.abort("PostgreSQL not reachable at " + PG_URL + ": " + e.getMessage());
        }
    }

    /** A file path for tests that reopen one SQLite file. */
    public static Path sqliteFile() {
        try {
            return Files.createTempDirectory("reactory-sqlite").resolve("reactory.db");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
