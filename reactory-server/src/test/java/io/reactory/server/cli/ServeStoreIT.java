package io.reactory.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.reactory.server.Main;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.jdbc.TestDatabases;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code reactory serve} opens the store it is told to and says which; a store it cannot open is one clear line
 * (never a stack trace, never the password) and a non-zero exit.
 */
class ServeStoreIT {
    @TempDir
    Path dir;

    private static ServerSettings settings(ServerSettings.Flags flags, Map<String, String> env) {
        return ServerSettings.resolve(flags, env);
    }

    private static ServerSettings.Flags flags(Path data, String db, String store) {
        return new ServerSettings.Flags(null, 0, "127.0.0.1", data, db, null, null, null, store, null);
    }

    /** Runs {@code reactory serve args} in-process; for runs that end before serving. */
    private static Outcome serve(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = Main.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "serve";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cli.execute(all);
        return new Outcome(exit, out.toString(), err.toString());
    }

    private record Outcome(int exit, String out, String err) {}

    @Test
    void an_explicit_memory_store_is_used_and_named() {
        StringWriter out = new StringWriter();
        try (ServeCommand.Running running = ServeCommand.start(settings(flags(null, null, "memory"), Map.of()), true,
                new PrintWriter(out))) {
            assertThat(running.store().kind()).isEqualTo("memory");
        }
        assertThat(out.toString()).contains("Store: in-memory store (state is lost on exit)");
    }

    @Test
    void state_in_the_data_folder_outlives_the_server() {
        ServerSettings settings = settings(flags(dir, null, null), Map.of());
        StringWriter first = new StringWriter();
        String id;
        try (ServeCommand.Running running = ServeCommand.start(settings, true, new PrintWriter(first))) {
            assertThat(running.store().kind()).isEqualTo("sqlite");
            id = running.runner().startWorkflow("simple-workflow", null, Map.of("condition", "A"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> running.runner().getWorkflowStatus(id) == WorkflowStatus.COMPLETED);
        }
        assertThat(first.toString()).contains("Store: SQLite store " + dir.resolve("reactory.db").toAbsolutePath(),
                "admin API key: ");

        StringWriter second = new StringWriter();
        try (ServeCommand.Running running = ServeCommand.start(settings, true, new PrintWriter(second))) {
            assertThat(running.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
        }
        assertThat(second.toString()).as("the generated key was kept").doesNotContain("admin API key: ");
    }

    @Test
    void a_postgresql_url_serves_from_postgresql() throws Exception {
        TestDatabases.requirePostgres();
        String schema = "serve_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection c = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER,
                TestDatabases.PG_PASSWORD)) {
            c.createStatement().execute("CREATE SCHEMA " + schema);
        }
        String url = TestDatabases.PG_URL + "?currentSchema=" + schema;
        StringWriter out = new StringWriter();
        try (ServeCommand.Running running = ServeCommand.start(settings(flags(null, url, null), Map.of(
                "REACTORY_DB_USER", TestDatabases.PG_USER, "REACTORY_DB_PASSWORD", TestDatabases.PG_PASSWORD)), true,
                new PrintWriter(out))) {
            assertThat(running.store().kind()).isEqualTo("postgres");
            String id = running.runner().startWorkflow("simple-workflow", null, Map.of("condition", "A"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> running.runner().getWorkflowStatus(id) == WorkflowStatus.COMPLETED);
        }
        assertThat(out.toString()).contains("Store: PostgreSQL store " + url + " as " + TestDatabases.PG_USER);
    }

    @Test
    void the_default_store_is_the_sqlite_file_in_the_data_folder() {
        assertThat(settings(flags(null, null, null), Map.of()).store())
                .isEqualTo(new StoreSettings(StoreSettings.Kind.SQLITE,
                        Path.of("data", "reactory.db").toAbsolutePath(), null, null, null));
        assertThat(settings(flags(dir, null, null), Map.of("REACTORY_DB_URL", "jdbc:postgresql://db/x")).store().file())
                .as("a --data flag beats a URL from the environment").isEqualTo(dir.resolve("reactory.db"));
        assertThat(settings(flags(null, null, null), Map.of("REACTORY_DB_URL", "jdbc:postgresql://db/x",
                "REACTORY_DB_USER", "app", "REACTORY_DB_PASSWORD", "s3cret")).store())
                .isEqualTo(new StoreSettings(StoreSettings.Kind.POSTGRES, null, "jdbc:postgresql://db/x", "app", "s3cret"));
    }

    @Test
    void descriptions_never_show_a_password() {
        StoreSettings pg = settings(flags(null, "jdbc:postgresql://db/x?user=app&password=hunter2&ssl=true", null),
                Map.of("REACTORY_DB_PASSWORD", "s3cret")).store();
        assertThat(pg.describe()).isEqualTo("PostgreSQL store jdbc:postgresql://db/x?user=app&password=***&ssl=true");
        assertThat(pg.toString()).doesNotContain("hunter2", "s3cret");
        assertThat(StoreSettings.redact("jdbc:postgresql://app:hunter2@db/x")).isEqualTo("jdbc:postgresql://app:***@db/x");
    }

    @Test
    void a_folder_that_cannot_hold_the_database_is_one_clear_line() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");

        Outcome outcome = serve("--port", "0", "--data", file.resolve("data").toString());

        assertThat(outcome.exit()).isEqualTo(1);
        assertThat(outcome.err().strip()).isEqualTo("reactory serve: cannot open the SQLite store "
                + file.resolve("data").resolve("reactory.db").toAbsolutePath() + ": " + file.resolve("data")
                + ": Not a directory");
    }

    @Test
    void a_url_that_is_not_postgresql_is_refused_before_anything_opens() {
        Outcome outcome = serve("--port", "0", "--db", "jdbc:mysql://db/x?password=hunter2");

        assertThat(outcome.exit()).isEqualTo(2);
        assertThat(outcome.err().strip()).isEqualTo("reactory serve: --db must be a PostgreSQL JDBC URL such as "
                + "jdbc:postgresql://127.0.0.1:5432/reactory but was 'jdbc:mysql://db/x?password=***'");
        assertThat(serve("--store", "postgres").err()).contains("--store postgres needs --db URL");
        assertThat(serve("--store", "oracle").err()).contains("--store must be memory, sqlite or postgres but was 'oracle'");
    }

    @Test
    void an_unreachable_postgresql_is_reported_with_the_reason_and_without_the_password() {
        ServerSettings unreachable = settings(flags(null, "jdbc:postgresql://127.0.0.1:1/x?password=hunter2", null),
                Map.of("REACTORY_DB_PASSWORD", "s3cret"));

        assertThatThrownBy(() -> ServeCommand.start(unreachable, true, new PrintWriter(new StringWriter())))
                .isInstanceOf(StoreSettings.StoreUnavailableException.class)
                .hasMessage("cannot open the PostgreSQL store jdbc:postgresql://127.0.0.1:1/x?password=***: "
                        + "Connection refused");
    }
}
