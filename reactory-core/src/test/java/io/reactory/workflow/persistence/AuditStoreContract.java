package io.reactory.workflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.security.AuditVerification;
import io.reactory.workflow.security.SecurityOptions;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics every store's {@link AuditStore} and {@link ApiKeyStore} must have. Subclass it once per store: say how
 * to create an empty store and how to overwrite a stored audit entry behind the store's back (plain SQL for a
 * database), which verification must then notice.
 */
public abstract class AuditStoreContract {
    protected static final Instant T0 = Instant.parse("2026-03-01T10:00:00.123456Z");
    /** {@link #T0} to the millisecond. */
    protected static final Instant T0_MS = Instant.parse("2026-03-01T10:00:00.123Z");
    protected WorkflowStore store;
    protected AuditStore audit;

    protected abstract WorkflowStore createStore();

    /** Replaces the stored entry with {@code edited.seq()} by {@code edited}, without re-chaining anything. */
    protected abstract void overwrite(WorkflowStore store, AuditEntry edited);

    @BeforeEach
    void open() {
        store = createStore();
        audit = store.audit();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static AuditRecord record(Instant at, String actor, String namespace, String action, String target,
                                        AuditRecord.Outcome outcome) {
        return new AuditRecord(at, actor, namespace, action, target, outcome, 200, "10.0.0.1", "req-" + actor, null);
    }

    @Test
    void appended_entries_come_back_numbered_chained_and_exactly_as_written() {
        AuditRecord withNulls = new AuditRecord(T0, "alice", null, "workflow.start", null, AuditRecord.Outcome.SUCCESS,
                0, null, null, null);
        AuditRecord full = new AuditRecord(T0.plusMillis(5), "bob", "etl", "instance.cancel", "instance/42",
                AuditRecord.Outcome.DENIED, 403, "2001:db8::1", "req-9", "missing permission workflow:cancel — ünïcode");
        List<AuditEntry> appended = audit.append(List.of(withNulls, full));

        assertThat(appended).extracting(AuditEntry::seq).containsExactly(1L, 2L);
        assertThat(appended.get(0).previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(appended.get(1).previousHash()).isEqualTo(appended.get(0).hash());
        assertThat(audit.scan(0, 10)).containsExactlyElementsOf(appended);
        assertThat(appended.get(0).record().at()).isEqualTo(T0); // records keep microseconds, and stores too
        assertThat(new AuditRecord(T0.plusNanos(789), "alice", null, "workflow.start", null, AuditRecord.Outcome.SUCCESS,
                0, null, null, null).at()).isEqualTo(T0);

        AuditEntry third = audit.append(List.of(full)).get(0);
        assertThat(third.seq()).isEqualTo(3);
        assertThat(third.previousHash()).isEqualTo(appended.get(1).hash());
    }

    @Test
    void queries_filter_and_page_newest_first() {
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record(T0.plusSeconds(i), i % 2 == 0 ? "alice" : "bob", i < 5 ? "etl" : "web",
                    i % 3 == 0 ? "instance.pause" : "workflow.start", "instance/" + i,
                    i == 7 ? AuditRecord.Outcome.DENIED : AuditRecord.Outcome.SUCCESS));
        }
        audit.append(records);

        assertThat(audit.find(AuditQuery.latest(3))).extracting(AuditEntry::seq).containsExactly(10L, 9L, 8L);
        assertThat(audit.find(new AuditQuery(null, null, null, null, null, null, null, 3, 3)))
                .extracting(AuditEntry::seq).containsExactly(7L, 6L, 5L);
        assertThat(audit.find(new AuditQuery("alice", null, null, null, null, null, null, 0, 100)))
                .extracting(AuditEntry::seq).containsExactly(9L, 7L, 5L, 3L, 1L);
        assertThat(audit.find(new AuditQuery(null, "instance.", null, "etl", null, null, null, 0, 100)))
                .extracting(AuditEntry::seq).containsExactly(4L, 1L);
        assertThat(audit.find(new AuditQuery(null, "workflow.start", "instance/2", null, null, null, null, 0, 100)))
                .extracting(AuditEntry::seq).containsExactly(3L);
        assertThat(audit.find(new AuditQuery(null, null, null, null, AuditRecord.Outcome.DENIED, null, null, 0, 100)))
                .extracting(AuditEntry::seq).containsExactly(8L);
        assertThat(audit.find(new AuditQuery(null, null, null, null, null, T0_MS.plusSeconds(2), T0_MS.plusSeconds(4), 0, 100)))
                .extracting(AuditEntry::seq).containsExactly(4L, 3L);
    }

    @Test
    void scan_reads_in_sequence_order_after_a_position() {
        for (int i = 0; i < 7; i++) {
            audit.append(List.of(record(T0, "alice", null, "workflow.start", null, AuditRecord.Outcome.SUCCESS)));
        }
        assertThat(audit.scan(3, 2)).extracting(AuditEntry::seq).containsExactly(4L, 5L);
        assertThat(audit.scan(6, 100)).extracting(AuditEntry::seq).containsExactly(7L);
        assertThat(audit.scan(7, 100)).isEmpty();
    }

    @Test
    void concurrent_appends_never_fork_the_chain() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 16; t++) {
                String actor = "user-" + t;
                futures.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < 25; i++) {
                        audit.append(List.of(record(T0, actor, null, "workflow.start", null, AuditRecord.Outcome.SUCCESS)));
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
        AuditEntry head = audit.scan(399, 1).get(0);
        assertThat(verifier().verifyAuditLog()).isEqualTo(new AuditVerification(true, 400, null, null, 400L, head.hash()));
    }

    @Test
    void verification_detects_an_entry_edited_in_the_store() {
        for (int i = 0; i < 5; i++) {
            audit.append(List.of(record(T0.plusSeconds(i), "alice", "etl", "instance.cancel", "instance/" + i,
                    AuditRecord.Outcome.SUCCESS)));
        }
        assertThat(verifier().verifyAuditLog().intact()).isTrue();

        AuditEntry original = audit.scan(2, 1).get(0);
        AuditRecord r = original.record();
        overwrite(store, new AuditEntry(original.seq(), new AuditRecord(r.at(), r.actor(), r.namespace(), r.action(),
                r.target(), AuditRecord.Outcome.DENIED, r.status(), r.sourceAddress(), r.requestId(), r.detail()),
                original.previousHash(), original.hash()));

        AuditVerification result = verifier().verifyAuditLog();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(3);
    }

    @Test
    void verification_detects_an_edit_of_the_time_by_one_microsecond() {
        for (int i = 0; i < 3; i++) {
            audit.append(List.of(record(T0.plusSeconds(i), "alice", "etl", "instance.cancel", "instance/" + i,
                    AuditRecord.Outcome.SUCCESS)));
        }
        AuditEntry original = audit.scan(1, 1).get(0);
        AuditRecord r = original.record();
        overwrite(store, new AuditEntry(original.seq(), new AuditRecord(r.at().plusNanos(1_000), r.actor(),
                r.namespace(), r.action(), r.target(), r.outcome(), r.status(), r.sourceAddress(), r.requestId(),
                r.detail()), original.previousHash(), original.hash()));

        AuditVerification result = verifier().verifyAuditLog();
        assertThat(result.intact()).isFalse();
        assertThat(result.firstBrokenSeq()).isEqualTo(2);
        assertThat(result.headSeq()).isNull();
    }

    @Test
    void verification_reports_the_head_of_the_chain_to_anchor_it_elsewhere() {
        assertThat(verifier().verifyAuditLog()).isEqualTo(new AuditVerification(true, 0, null, null, 0L,
                AuditChain.GENESIS));
        List<AuditEntry> appended = audit.append(List.of(
                record(T0, "alice", null, "workflow.start", null, AuditRecord.Outcome.SUCCESS),
                record(T0, "bob", null, "workflow.start", null, AuditRecord.Outcome.SUCCESS)));

        AuditVerification result = verifier().verifyAuditLog();
        assertThat(result.headSeq()).isEqualTo(2L);
        assertThat(result.headHash()).isEqualTo(appended.get(1).hash());
    }

    @Test
    void security_events_are_numbered_filtered_and_paged_newest_first() {
        SecurityEvent a = audit.record(SecurityEvent.of(T0, SecurityEvent.Type.AUTHENTICATION_FAILED, null, "10.0.0.1",
                null, "bad_signature"));
        SecurityEvent b = audit.record(SecurityEvent.of(T0.plusSeconds(1), SecurityEvent.Type.PERMISSION_DENIED, "bob",
                "10.0.0.2", "workflow/etl", "missing permission"));
        SecurityEvent c = audit.record(SecurityEvent.of(T0.plusSeconds(2), SecurityEvent.Type.RATE_LIMITED, "bob", null,
                "GET /x", null));
        assertThat(b.id()).isGreaterThan(a.id());
        assertThat(c.id()).isGreaterThan(b.id());

        assertThat(audit.find(SecurityEventQuery.latest(10))).containsExactly(c, b, a);
        assertThat(audit.find(new SecurityEventQuery(null, "bob", null, null, 1, 10))).containsExactly(b);
        assertThat(audit.find(new SecurityEventQuery(SecurityEvent.Type.AUTHENTICATION_FAILED, null, null, null, 0, 10)))
                .containsExactly(a);
        assertThat(audit.find(new SecurityEventQuery(null, null, T0_MS.plusSeconds(1), T0_MS.plusSeconds(2), 0, 10)))
                .containsExactly(b);
    }

    @Test
    void api_keys_are_added_once_found_listed_and_revoked() {
        ApiKeyStore keys = store.apiKeys();
        ApiKeyRecord key = new ApiKeyRecord("0123456789abcdef", "f".repeat(64), "ci-bot", "etl",
                Set.of("viewer", "operator"), Set.of("data:read"), T0, T0.plus(Duration.ofDays(30)), null);
        assertThat(keys.add(key)).isTrue();
        assertThat(keys.add(key.revoked(T0))).isFalse();
        ApiKeyRecord found = keys.find("0123456789abcdef").orElseThrow();
        assertThat(found.roles()).containsExactlyInAnyOrder("viewer", "operator");
        assertThat(found.expiresAt()).isEqualTo(key.expiresAt());
        assertThat(found.revokedAt()).isNull();
        assertThat(keys.find("missing")).isEmpty();

        keys.add(new ApiKeyRecord("fedcba9876543210", "e".repeat(64), "root", "*", Set.of(), Set.of(), T0.plusSeconds(1),
                null, null));
        assertThat(keys.list()).extracting(ApiKeyRecord::keyId).containsExactly("0123456789abcdef", "fedcba9876543210");

        assertThat(keys.revoke("0123456789abcdef", T0.plusSeconds(60))).isTrue();
        assertThat(keys.revoke("0123456789abcdef", T0.plusSeconds(120))).isTrue();
        assertThat(keys.find("0123456789abcdef").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(60));
        assertThat(keys.revoke("missing", T0)).isFalse();
    }

    private WorkflowSecurityManager verifier() {
        return WorkflowSecurityManager.create(SecurityOptions.defaults(), store, id -> Optional.empty(),
                java.time.Clock.fixed(T0, java.time.ZoneOffset.UTC));
    }
}
