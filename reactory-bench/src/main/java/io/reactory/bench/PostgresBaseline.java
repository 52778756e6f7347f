package io.reactory.bench;

import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the database does without the engine: plain single-row UPDATE commits (auto-commit) from 16 connections,
 * each on its own row, for a fixed time. The engine's durable steps/s divided by this is the {@code ratio} the
 * storage issue asks for: above 1 means batching beats one commit per step on the same database, in the same run.
 */
final class PostgresBaseline {
    static final int CONNECTIONS = 16;

    private PostgresBaseline() {}

    /** Commits per second, measured for {@code seconds} in the run's schema. */
    static double commitsPerSecond(DatabaseOptions db, double seconds) throws Exception {
        String table = db.schema() + ".bench_baseline";
        try (Connection c = connect(db); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (id integer PRIMARY KEY, counter bigint NOT NULL)");
            s.execute("TRUNCATE " + table);
            s.execute("INSERT INTO " + table + " SELECT g, 0 FROM generate_series(0, " + (CONNECTIONS - 1) + ") g");
        }
        LongAdder commits = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            int row = i;
            threads.add(Thread.ofPlatform().name("baseline-" + i).start(() -> {
                try (Connection c = connect(db);
                     PreparedStatement update = c.prepareStatement(
                             "UPDATE " + table + " SET counter = counter + 1 WHERE id = ?")) {
                    update.setInt(1, row);
                    while (running.get()) {
                        update.executeUpdate();
                        commits.increment();
                    }
                } catch (SQLException e) {
                    failures.add(e);
                }
            }));
        }
        long start = System.nanoTime();
        // The one place the harness waits for wall time: the baseline runs for a fixed period by definition.
        Thread.sleep((long) (seconds * 1000));
        running.set(false);
        long counted = commits.sum();
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Thread t : threads) {
            t.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("baseline failed: " + failures.get(0), failures.get(0));
        }
        return counted / elapsed;
    }

    private static Connection connect(DatabaseOptions db) throws SQLException {
        return DriverManager.getConnection(db.url(), db.user(), db.password());
    }
}
