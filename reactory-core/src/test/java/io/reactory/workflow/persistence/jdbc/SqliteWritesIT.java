package io.reactory.workflow.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent transactions on a SQLite file share a commit ({@link SqliteWrites}); these hold the writer with a first
 * transaction until the others are queued, so they are written together, and check that each one still succeeds or
 * fails on its own.
 */
class SqliteWritesIT {
    private Database database;
    private ExecutorService pool;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabases.sqlite());
        database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)")) {
                return s.executeUpdate();
            }
        });
        pool = Executors.newVirtualThreadPerTaskExecutor();
    }

    @AfterEach
    void close() {
        pool.close();
        database.close();
    }

    @Test
    void aFailingTransactionInASharedCommitUndoesOnlyItsOwnWrites() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> blocker = pool.submit(() -> database.transaction(c -> {
            insert(c, "blocker", 0);
            holding.countDown();
            await(release);
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();

        List<Future<Integer>> good = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int v = i;
            good.add(pool.submit(() -> database.transaction(c -> insert(c, "good-" + v, v))));
        }
        // writes a row, then breaks a constraint: its first row must go too
        Future<Integer> duplicate = pool.submit(() -> database.transaction(c -> {
            insert(c, "dup-first", 1);
            return insert(c, "good-0-or-blocker", 1) + insert(c, "blocker", 1);
        }));
        // writes a row, then throws from Java
        Future<Integer> thrower = pool.submit(() -> database.transaction(c -> {
            insert(c, "thrower", 1);
            throw new IllegalArgumentException("changed my mind");
        }));
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                .until(() -> database.sqliteQueued() == 12);
        release.countDown();

        blocker.get(10, TimeUnit.SECONDS);
        for (Future<Integer> f : good) {
            assertThat(f.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        }
        assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS)).rootCause()
                .isInstanceOf(SQLException.class).hasMessageContaining("UNIQUE");
        assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> thrower.get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(IllegalArgumentException.class).hasMessage("changed my mind");

        assertThat(keys()).containsExactlyInAnyOrder("blocker", "good-0", "good-1", "good-2", "good-3", "good-4",
                "good-5", "good-6", "good-7", "good-8", "good-9");
    }

    @Test
    void aTransactionCommittedTogetherWithOthersIsDurableBeforeItsCallerReturns() throws Exception {
        List<Future<Integer>> writes = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int v = i;
            writes.add(pool.submit(() -> database.transaction(c -> insert(c, "k" + v, v))));
        }
        for (Future<Integer> f : writes) {
            f.get(10, TimeUnit.SECONDS);
        }
        // read on another connection: every returned transaction is committed
        assertThat(keys()).hasSize(200);
    }

    @Test
    void afterCloseATransactionFailsInsteadOfWaiting() {
        database.close();
        assertThatThrownBy(() -> database.transaction(c -> insert(c, "late", 1)))
                .hasMessageContaining("closed");
    }

    /** A transaction that holds the writer until released. */
    private record Held(CountDownLatch gate, Future<?> transaction) {
        void release() throws Exception {
            gate.countDown();
            transaction.get(10, TimeUnit.SECONDS);
        }
    }

    private Held holdWriter() throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Future<?> blocker = pool.submit(() -> database.transaction(c -> {
            holding.countDown();
            await(release);
            return null;
        }));
        assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
        return new Held(release, blocker);
    }

    /** Holds the writer with a first transaction, queues {@code works} behind it, releases: they share a commit. */
    private List<Future<Integer>> together(List<SqlWork<Integer>> works) throws Exception {
        Held writer = holdWriter();
        List<Future<Integer>> futures = new ArrayList<>();
        for (SqlWork<Integer> work : works) {
            futures.add(pool.submit(() -> database.transaction(work)));
            // queued in this order, so the batch runs them in this order
            org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS)
                    .until(() -> database.sqliteQueued() == futures.size());
        }
        writer.release();
        return futures;
    }

    @Test
    void whenSqliteRollsTheSharedTransactionBackTheOthersRunAlone() throws Exception {
        database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    CREATE TRIGGER no_poison BEFORE INSERT ON t WHEN NEW.k = 'poison'
                    BEGIN SELECT RAISE(ROLLBACK, 'poison refused'); END""")) {
                return s.executeUpdate();
            }
        });
        List<Future<Integer>> futures = together(List.of(c -> insert(c, "a", 1), c -> insert(c, "poison", 2),
                c -> insert(c, "b", 3)));

        assertThat(futures.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> futures.get(1).get(10, TimeUnit.SECONDS)).hasMessageContaining("poison refused");
        assertThat(futures.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(keys()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void aWorkThatThrowsAnErrorFailsAloneAndLeavesNothingBehind() throws Exception {
        List<Future<Integer>> futures = together(List.of(c -> insert(c, "a", 1), c -> {
            insert(c, "half-done", 2);
            throw new AssertionError("broken invariant");
        }, c -> insert(c, "b", 3)));

        assertThat(futures.get(0).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThatThrownBy(() -> futures.get(1).get(10, TimeUnit.SECONDS)).cause()
                .isInstanceOf(AssertionError.class).hasMessage("broken invariant");
        assertThat(futures.get(2).get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(keys()).containsExactlyInAnyOrder("a", "b");
    }

    @Test
    void anotherProcessWritingUnderASharedReadSnapshotMakesTheBatchRunAlone() throws Exception {
        String url = database.options().url();
        java.util.concurrent.atomic.AtomicBoolean firstRun = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<Future<Integer>> futures = together(List.of(c -> {
            // a read first pins the shared transaction to this snapshot...
            try (PreparedStatement s = c.prepareStatement("SELECT count(*) FROM t"); ResultSet rows = s.executeQuery()) {
                rows.next();
            }
            // ...then another writer of the file commits (as another process would); when this work runs again
            // alone, that has happened already
            if (firstRun.getAndSet(false)) {
                try (Connection other = java.sql.DriverManager.getConnection(url)) {
                    insert(other, "external", 0);
                }
            }
            return 0;
        }, c -> insert(c, "a", 1), c -> insert(c, "b", 2)));

        for (Future<Integer> f : futures) {
            f.get(10, TimeUnit.SECONDS);
        }
        assertThat(keys()).containsExactlyInAnyOrder("external", "a", "b");
    }

    @Test
    void anInterruptedCallerStillGetsItsOutcomeAndKeepsTheInterrupt() throws Exception {
        Held writer = holdWriter();
        java.util.concurrent.atomic.AtomicBoolean interruptKept = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = Thread.ofVirtual().start(() -> {
            database.transaction(c -> insert(c, "patient", 1));
            interruptKept.set(Thread.currentThread().isInterrupted());
        });
        org.awaitility.Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> database.sqliteQueued() == 1);
        caller.interrupt();
        writer.release();
        assertThat(caller.join(Duration.ofSeconds(10))).isTrue();
        assertThat(interruptKept).isTrue();
        assertThat(keys()).containsExactly("patient");
    }

    private static int insert(Connection c, String k, int v) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO t (k, v) VALUES (?, ?)")) {
            s.setString(1, k);
            s.setInt(2, v);
            return s.executeUpdate();
        }
    }

    private List<String> keys() {
        return database.read(c -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT k FROM t"); ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        });
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
