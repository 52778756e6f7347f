package io.reactory.workflow.persistence.jdbc.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.JdbcWorkflowStore;
import io.reactory.workflow.persistence.jdbc.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The outage test: while an engine runs, every connection it has to PostgreSQL is terminated by the server,
 * again and again for three seconds (what a failover or a server restart does to a client). The engine reconnects and
 * every instance completes, nothing lost and nothing run twice.
 */
class PostgresOutageIT {
    private static final int WORKFLOWS = 1_000;
    private static final int CUTS = 30;
    private static final Duration CUT_EVERY = Duration.ofMillis(100);
    /** Longer than the outage: the engine keeps its leases through it, so no step has a reason to run twice. */
    private static final Duration LEASE = Duration.ofSeconds(5);

    @Test
    void connections_cut_during_a_run_are_reopened_and_every_instance_completes_once(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) throws Exception {
        DatabaseOptions database = TestDatabases.postgres();
        // Its connections carry this name, so the cuts hit the engine and not the test's own connections.
        String application = "reactory-outage-" + UUID.randomUUID().toString().substring(0, 8);
        DatabaseOptions engineDatabase = new DatabaseOptions(database.dialect(), withApplicationName(database.url(),
                application), database.user(), database.password(), database.schema(), database.maxPoolSize(),
                database.leaseClock(), database.connectTimeout());
        try (JdbcWorkflowStore store = (JdbcWorkflowStore) WorkflowStores.open(database.withMaxPoolSize(2));
             Connection admin = DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER,
                     TestDatabases.PG_PASSWORD)) {
            Starter.store(store, WORKFLOWS);
            List<String> args = new ArrayList<>(Stored.nodeArgs(engineDatabase));
            // 100 instances at a time, 20 ms per step: a run of a few seconds, long enough to cut into.
            args.addAll(List.of("--expect", String.valueOf(WORKFLOWS),
                    "--max-in-flight", "100", "--step-ms", "20", "--lease-ms", String.valueOf(LEASE.toMillis())));
            try (NodeProcess node = NodeProcess.launch(dir, "outage-node", args)) {
                await("the run under way").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> Effects.lines(node.effects()) >= 300 || !node.isAlive());
                assertThat(node.isAlive()).as("still running: %s", node.tail()).isTrue();

                long terminated = cutConnections(admin, application);
                long outageEnded = System.nanoTime();
                long completedAfterOutage = Stored.count(store, WorkflowStatus.COMPLETED);
                assertThat(terminated).as("engine connections terminated").isPositive();
                assertThat(completedAfterOutage).as("the outage ended mid-run").isLessThan(WORKFLOWS);

                assertThat(node.awaitExit(Duration.ofSeconds(90))).as("exit code: %s", node.tail()).isZero();
                long recovered = (System.nanoTime() - outageEnded) / 1_000_000;
                Effects effects = Effects.read(List.of(node.effects()));
                Map<String, WorkflowInstance> stored = Stored.instances(store);
                assertThat(stored).hasSize(WORKFLOWS);
                assertThat(Stored.notIn(stored, WorkflowStatus.COMPLETED)).as("instances not COMPLETED").isEmpty();
                Stored.assertEveryStepRan(effects, stored.keySet());
                System.out.printf("outage test: %d engine connections terminated in %d cuts over %d ms; %d of %d"
                                + " instances COMPLETED when the cuts stopped, all %d ms later; %d repeated step"
                                + " executions; the engine's warnings and errors: %s%n",
                        terminated, CUTS, CUT_EVERY.multipliedBy(CUTS).toMillis(), completedAfterOutage, WORKFLOWS,
                        recovered, effects.repeated(), complaints(node));
                assertThat(effects.repeated()).as("steps run twice (the leases outlived the outage)").isZero();
            }
        }
    }

    /** Terminates the application's backends every {@link #CUT_EVERY}, {@link #CUTS} times; returns how many. */
    private static long cutConnections(Connection admin, String application) throws Exception {
        AtomicLong terminated = new AtomicLong();
        AtomicReference<SQLException> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(CUTS);
        ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
        try (PreparedStatement cut = admin.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = ?")) {
            cut.setString(1, application);
            cutter.scheduleAtFixedRate(() -> {
                try (ResultSet rows = cut.executeQuery()) {
                    rows.next();
                    terminated.addAndGet(rows.getLong(1));
                } catch (SQLException e) {
                    failure.compareAndSet(null, e);
                }
                done.countDown();
            }, 0, CUT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(done.await(60, TimeUnit.SECONDS)).as("cuts made").isTrue();
        } finally {
            cutter.shutdownNow();
            cutter.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return terminated.get();
    }

    /** The engine's WARN and ERROR log lines, counted by what they say (up to the first colon, without object ids). */
    private static Map<String, Long> complaints(NodeProcess node) {
        return node.output().stream()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR "))
                .map(line -> line.substring(line.indexOf(" - ") + 3))
                .map(text -> text.contains(":") ? text.substring(0, text.indexOf(':')) : text)
                .map(text -> text.replaceAll("@[0-9a-f]+", ""))
                .collect(Collectors.groupingBy(text -> text, TreeMap::new, Collectors.counting()));
    }

    private static String withApplicationName(String url, String application) {
        return url + (url.contains("?") ? "&" : "?") + "ApplicationName=" + application;
    }
}
