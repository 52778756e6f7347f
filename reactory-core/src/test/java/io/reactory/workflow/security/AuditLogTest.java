package io.reactory.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.persistence.AuditChain;
import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditQuery;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.AuditStore;
import io.reactory.workflow.persistence.SecurityEvent;
import io.reactory.workflow.persistence.SecurityEventQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class AuditLogTest {
    private static final Instant AT = Instant.parse("2026-03-01T10:00:00Z");

    /** An audit store whose stored entries a test can edit and delete, as someone with database access could. */
    static final class EditableAuditStore implements AuditStore {
        final List<AuditEntry> entries = new ArrayList<>();
        private final ReentrantLock lock = new ReentrantLock();

        @Override
        public List<AuditEntry> append(List<AuditRecord> records) {
            lock.lock();
            try {
                List<AuditEntry> out = new ArrayList<>();
                for (AuditRecord r : records) {
                    AuditEntry e = AuditChain.link(entries.isEmpty() ? null : entries.get(entries.size() - 1), r);
                    entries.add(e);
                    out.add(e);
                }
                return out;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public List<AuditEntry> find(AuditQuery query) {
            return List.of();
        }

        @Override
        public List<AuditEntry> scan(long afterSeq, int limit) {
            return entries.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
        }

        @Override
        public SecurityEvent record(SecurityEvent event) {
            return event;
        }

        @Override
        public List<SecurityEvent> find(SecurityEventQuery query) {
            return List.of();
        }
    }

    static AuditRecord record(String actor, String action) {
        return new AuditRecord(AT, actor, "etl", action, "instance/1", AuditRecord.Outcome.SUCCESS, 202, "10.0.0.1",
                "req", null);
    }

    private final EditableAuditStore store = new EditableAuditStore();
    private final AuditLog log = new AuditLog(store);

    @Test
    void entries_are_numbered_and_each_links_to_the_one_before() {
        AuditEntry first = log.append(record("alice", "instance.pause"));
        AuditEntry second = log.append(record("bob", "instance.resume"));
        assertThat(first.seq()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(second.seq()).isEqualTo(2);
        assertThat(second.previousHash()).isEqualTo(first.hash());
        assertThat(log.verify()).isEqualTo(new AuditVerification(true, 2, null, null, 2L, second.hash()));
    }

    @Test
    void verification_finds_an_edited_entry() {
        for (int i = 0; i < 5; i++) {
            log.append(record("alice", "instance.pause"));
        }
        AuditEntry third = store.entries.get(2);
        AuditRecord r = third.record();
        store.entries.set(2, new AuditEntry(third.seq(), new AuditRecord(r.at(), "mallory", r.namespace(), r.action(),
                r.target(), r.outcome(), r.status(), r.sourceAddress(), r.requestId(), r.detail()), third.previousHash(), third.hash()));

        AuditVerification result = log.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3);
        assertThat(result.problem()).contains("changed");
    }

    @Test
    void verification_finds_an_entry_whose_time_was_moved_by_less_than_a_millisecond() {
        for (int i = 0; i < 3; i++) {
            log.append(record("alice", "instance.pause"));
        }
        AuditEntry second = store.entries.get(1);
        AuditRecord r = second.record();
        store.entries.set(1, new AuditEntry(second.seq(), new AuditRecord(r.at().plusNanos(250_000), r.actor(),
                r.namespace(), r.action(), r.target(), r.outcome(), r.status(), r.sourceAddress(), r.requestId(),
                r.detail()), second.previousHash(), second.hash()));

        AuditVerification result = log.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(2);
        assertThat(result.problem()).contains("changed");
    }

    @Test
    void verification_finds_an_entry_edited_and_rehashed_by_its_broken_link_to_the_next() {
        for (int i = 0; i < 4; i++) {
            log.append(record("alice", "instance.pause"));
        }
        AuditEntry second = store.entries.get(1);
        AuditRecord edited = record("mallory", "instance.pause");
        store.entries.set(1, new AuditEntry(2, edited, second.previousHash(), AuditChain.hash(second.previousHash(), 2, edited)));

        AuditVerification result = log.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3);
        assertThat(result.problem()).contains("does not link");
    }

    @Test
    void verification_finds_a_deleted_entry() {
        for (int i = 0; i < 4; i++) {
            log.append(record("alice", "instance.pause"));
        }
        store.entries.remove(1);
        AuditVerification result = log.verify();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(2);
        assertThat(result.problem()).contains("missing");
    }

    @Test
    void verification_pages_through_long_chains() {
        for (int i = 0; i < 2500; i++) {
            log.append(record("alice", "instance.pause"));
        }
        assertThat(log.verify()).isEqualTo(new AuditVerification(true, 2500, null, null, 2500L,
                store.entries.get(2499).hash()));
    }

    @Test
    void concurrent_appends_form_one_unbroken_chain_and_each_caller_gets_its_own_entry() throws Exception {
        int threads = 64;
        CountDownLatch go = new CountDownLatch(1);
        List<Future<AuditEntry>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < threads; i++) {
                String actor = "user-" + i;
                futures.add(pool.submit(() -> {
                    go.await();
                    AuditEntry last = null;
                    for (int j = 0; j < 50; j++) {
                        last = log.append(record(actor, "workflow.start"));
                        assertThat(last.record().actor()).isEqualTo(actor);
                    }
                    return last;
                }));
            }
            go.countDown();
            for (Future<AuditEntry> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(store.entries).hasSize(threads * 50);
        assertThat(log.verify().intact()).isTrue();
    }
}
