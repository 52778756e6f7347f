package io.reactory.workflow.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.persistence.AuditChain;
import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.AuditStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two stores on one database, as two engine nodes (or two processes on one SQLite file) are: each has its own pool
 * (and, on SQLite, its own in-process writer lock), so only the lock on the chain head keeps their appends linear.
 */
class AuditChainAcrossNodesIT {
    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");

    @Test
    void two_postgres_nodes_never_fork_the_chain() throws Exception {
        DatabaseOptions options = TestDatabases.postgres();
        try (Database first = Database.open(options); Database second = Database.open(options)) {
            appendConcurrently(new JdbcAuditStore(first), new JdbcAuditStore(second));
            assertLinear(new JdbcAuditStore(first), 2 * 8 * 20);
        }
    }

    @Test
    void two_processes_on_one_sqlite_file_never_fork_the_chain() throws Exception {
        DatabaseOptions options = TestDatabases.sqlite();
        try (Database first = Database.open(options); Database second = Database.open(options)) {
            appendConcurrently(new JdbcAuditStore(first), new JdbcAuditStore(second));
            assertLinear(new JdbcAuditStore(second), 2 * 8 * 20);
        }
    }

    private static void appendConcurrently(AuditStore a, AuditStore b) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 16; t++) {
                AuditStore node = t % 2 == 0 ? a : b;
                String actor = "user-" + t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 20; i++) {
                        node.append(List.of(new AuditRecord(T0.plusNanos(i * 1000L), actor, null, "workflow.start",
                                null, AuditRecord.Outcome.SUCCESS, 200, null, null, null)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        }
    }

    private static void assertLinear(AuditStore audit, int expected) {
        List<AuditEntry> all = audit.scan(0, 1000);
        assertThat(all).hasSize(expected);
        String previous = AuditChain.GENESIS;
        for (int i = 0; i < all.size(); i++) {
            AuditEntry e = all.get(i);
            assertThat(e.seq()).isEqualTo(i + 1L);
            assertThat(e.previousHash()).isEqualTo(previous);
            assertThat(e.hash()).isEqualTo(AuditChain.hash(previous, e.seq(), e.record()));
            previous = e.hash();
        }
    }
}
