package io.reactory.workflow.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.InstanceStore.Claim;
import io.reactory.workflow.persistence.InstanceStore.ClaimRequest;
import io.reactory.workflow.persistence.InstanceStore.CommitResult;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.StoreObserver;
import io.reactory.workflow.persistence.TestInstances;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the SQL instance store promises beyond the store contract: refused commits write nothing of theirs (error
 * records and outbox messages included), rows of a commit join its transaction, the lifecycle store's in-transaction entry points, wake-ups and timings. Subclassed
 * per dialect.
 */
abstract class JdbcInstanceStoreCases {
    protected static final Duration LEASE = Duration.ofSeconds(30);
    protected final Instant now = Instant.parse("2026-03-01T10:00:00Z");
    protected JdbcWorkflowStore store;
    protected JdbcInstanceStore instances;

    /** Options of a new, empty database (leases judged by the engine's clock). */
    protected abstract DatabaseOptions options();

    @BeforeEach
    void open() {
        store = open(options());
        instances = store.instances();
    }

    protected JdbcWorkflowStore open(DatabaseOptions options) {
        return new JdbcWorkflowStore(Database.open(options.withLeaseClock(DatabaseOptions.LeaseClock.ENGINE)));
    }

    @AfterEach
    void close() {
        store.close();
    }

    protected WorkflowInstance newInstance() {
        return TestInstances.due(now);
    }

    private WorkflowInstance createAndClaim(String owner) {
        instances.create(newInstance());
        return instances.claim(new ClaimRequest(owner, now, LEASE, 1)).get(0).instance();
    }

    private static ErrorRecord error(WorkflowInstance i) {
        return new ErrorRecord(0, i.id, i.workflowId, i.version, null, "step", 0, 1, "java.lang.IllegalStateException",
                "boom", null, true, ErrorRecord.Action.RETRY, null, Instant.parse("2026-03-01T10:00:00Z"));
    }

    private static OutboxMessage message(WorkflowInstance i) {
        return new OutboxMessage(UUID.randomUUID().toString(), "workflow.running.wf", i.id, "workflow.running", "{}",
                Instant.parse("2026-03-01T10:00:00Z"));
    }

    private static ExecutionPointer waitingFor(String event, String key) {
        ExecutionPointer p = new ExecutionPointer(0, 0, -1);
        p.status = PointerStatus.WAITING_EVENT;
        p.eventName = event;
        p.eventKey = key;
        return p;
    }

    @Test
    void a_refused_commit_writes_nothing_of_its_own() {
        WorkflowInstance held = createAndClaim("node-a");
        Signal pause = instances.addSignal(held.id, Signal.Kind.PAUSE, now);
        WorkflowInstance stale = held.copy();
        stale.leaseEpoch = held.leaseEpoch + 1;
        stale.status = WorkflowStatus.FAILED;
        stale.pointers.add(waitingFor("paid", "o-1"));

        CommitResult refused = instances.commit(List.of(new InstanceCommit(stale, false, List.of(pause.id()), true,
                List.of(error(stale)), List.of(message(stale))))).get(0);

        assertThat(refused.committed()).isFalse();
        assertThat(store.errors().findByInstance(held.id)).isEmpty();
        assertThat(store.outbox().pending()).isZero();
        assertThat(instances.pendingSignals(held.id)).extracting(Signal::id).as("not consumed").containsExactly(pause.id());
        assertThat(instances.find(held.id).orElseThrow().status).isEqualTo(WorkflowStatus.PENDING);
        assertThat(count("SELECT count(*) FROM wf_subscriptions")).isZero();
    }

    @Test
    void a_batch_commits_each_instance_by_its_own_lease_and_keeps_the_rows_of_the_accepted_ones() {
        List<WorkflowInstance> held = new ArrayList<>();
        for (int k = 0; k < 5; k++) {
            instances.create(newInstance());
        }
        for (Claim claim : instances.claim(new ClaimRequest("node-a", now, LEASE, 5))) {
            held.add(claim.instance());
        }
        held.get(1).leaseEpoch++;           // lost
        held.get(3).leaseOwner = "node-b";  // never had it
        List<InstanceCommit> batch = new ArrayList<>();
        for (WorkflowInstance i : held) {
            i.status = WorkflowStatus.RUNNING;
            batch.add(new InstanceCommit(i, false, List.of(), false, List.of(error(i)), List.of(message(i))));
        }

        List<CommitResult> results = instances.commit(batch);

        assertThat(results).extracting(CommitResult::committed).containsExactly(true, false, true, false, true);
        assertThat(results).extracting(CommitResult::instanceId).containsExactlyElementsOf(held.stream().map(i -> i.id).toList());
        for (int k = 0; k < held.size(); k++) {
            assertThat(store.errors().findByInstance(held.get(k).id)).hasSize(results.get(k).committed() ? 1 : 0);
        }
        assertThat(keysInOutbox()).containsExactlyInAnyOrder(held.get(0).id, held.get(2).id, held.get(4).id);
        assertThat(instances.find(held.get(1).id).orElseThrow().status).isEqualTo(WorkflowStatus.PENDING);
        assertThat(instances.find(held.get(2).id).orElseThrow().status).isEqualTo(WorkflowStatus.RUNNING);
    }

    @Test
    void every_kept_commit_stores_what_changed_status_times_or_only_state() {
        WorkflowInstance held = createAndClaim("node-a");
        held.status = WorkflowStatus.RUNNING;
        held.startedAt = now;
        instances.commit(List.of(new InstanceCommit(held, false, List.of(), false)));
        held.data = Payload.of(Map.of("n", 2));
        held.stepsExecuted = 1;
        instances.commit(List.of(new InstanceCommit(held, false, List.of(), false)));
        WorkflowInstance stored = instances.find(held.id).orElseThrow();
        assertThat(stored.status).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(stored.startedAt).isEqualTo(now);
        assertThat(stored.data.as(Map.class)).containsEntry("n", 2);
        assertThat(stored.stepsExecuted).isEqualTo(1);

        held.status = WorkflowStatus.PAUSED;
        instances.commit(List.of(new InstanceCommit(held, false, List.of(), false)));
        assertThat(instances.find(held.id).orElseThrow().status).isEqualTo(WorkflowStatus.PAUSED);
        held.completedAt = now.plusSeconds(1);
        instances.commit(List.of(new InstanceCommit(held, false, List.of(), false)));
        assertThat(instances.find(held.id).orElseThrow().completedAt).isEqualTo(now.plusSeconds(1));

        // given back and claimed again: the new lease starts from what is stored
        instances.renewLeases("node-a", Map.of(held.id, held.leaseEpoch), Duration.ZERO, now);
        WorkflowInstance again = instances.claim(new ClaimRequest("node-b", now, LEASE, 1)).get(0).instance();
        again.status = WorkflowStatus.RUNNING;
        instances.commit(List.of(new InstanceCommit(again, false, List.of(), false)));
        assertThat(instances.find(held.id).orElseThrow().status).isEqualTo(WorkflowStatus.RUNNING);
    }

    @Test
    void a_kept_lease_returns_the_signals_queued_since_the_claim_and_a_release_leaves_them_claimable() {
        WorkflowInstance held = createAndClaim("node-a");
        Signal cancel = instances.addSignal(held.id, Signal.Kind.CANCEL, now);
        CommitResult kept = instances.commit(List.of(new InstanceCommit(held, false, List.of(), false))).get(0);
        assertThat(kept.pendingSignals()).extracting(Signal::id).containsExactly(cancel.id());

        held.nextExecution = null;
        assertThat(instances.commit(List.of(new InstanceCommit(held, true, List.of(), false))).get(0).committed()).isTrue();
        assertThat(instances.claim(new ClaimRequest("node-b", now, LEASE, 10))).singleElement()
                .satisfies(c -> assertThat(c.signals()).extracting(Signal::id).containsExactly(cancel.id()));
    }

    @Test
    void consuming_the_last_signal_clears_the_flag_so_the_instance_is_not_claimed_again() {
        WorkflowInstance i = newInstance();
        i.nextExecution = null;
        instances.create(i);
        Signal wake = instances.addSignal(i.id, Signal.Kind.WAKE, now);
        Claim claim = instances.claim(new ClaimRequest("node-a", now, LEASE, 10)).get(0);
        instances.commit(List.of(new InstanceCommit(claim.instance(), true, List.of(wake.id()), false)));

        assertThat(count("SELECT count(*) FROM wf_instances WHERE signalled")).isZero();
        assertThat(instances.claim(new ClaimRequest("node-a", now, LEASE, 10))).isEmpty();
        assertThat(instances.nextDue()).isEmpty();
    }

    @Test
    void a_subscription_of_a_kept_instance_returns_an_event_published_before_it() {
        WorkflowInstance held = createAndClaim("node-a");
        var event = store.events().publish("paid", "o-7", Payload.of(Map.of("ok", true)), now);
        held.pointers.add(waitingFor("paid", "o-7"));
        held.pointers.add(waitingFor("paid", "o-7")); // two pointers, one subscription, one delivery

        CommitResult kept = instances.commit(List.of(new InstanceCommit(held, false, List.of(), true))).get(0);

        assertThat(kept.pendingSignals()).singleElement().satisfies(s -> {
            assertThat(s.kind()).isEqualTo(Signal.Kind.EVENT);
            assertThat(s.event().id()).isEqualTo(event.id());
            assertThat(s.event().data().as(Map.class)).containsEntry("ok", true);
        });
        assertThat(store.events().deletePublishedBefore(now.plusSeconds(1))).as("a queued event is kept").isZero();
    }

    @Test
    void create_and_commit_within_a_callers_transaction_are_rolled_back_with_it() {
        WorkflowInstance gated = newInstance();
        gated.gated = true;
        assertThatThrownBy(() -> store.database().transaction(c -> {
            instances.createWithin(c, gated, List.of(message(gated)));
            throw new IllegalStateException("the caller changed its mind");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(instances.find(gated.id)).isEmpty();

        String id = store.database().transaction(c -> instances.createWithin(c, gated, List.of(message(gated))));
        assertThat(id).isEqualTo(gated.id);
        assertThat(instances.find(gated.id).orElseThrow().gated).isTrue();
        assertThat(keysInOutbox()).as("the rolled-back message went with its transaction").containsExactly(gated.id);

        WorkflowInstance held = instances.claim(new ClaimRequest("node-a", now, LEASE, 1)).get(0).instance();
        held.status = WorkflowStatus.RUNNING;
        CommitResult result = store.database().transaction(c -> instances.commitWithin(c,
                new InstanceCommit(held, false, List.of(), false)));
        assertThat(result.committed()).isTrue();
        assertThat(instances.find(gated.id).orElseThrow().status).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(instances.find(gated.id).orElseThrow().leaseOwner).as("lease kept").isEqualTo("node-a");
        assertThat(instances.find(gated.id).orElseThrow().gated).as("commits never change the gate").isTrue();
    }

    @Test
    void an_idempotent_create_writes_its_outbox_messages_once() {
        WorkflowInstance first = newInstance();
        first.idempotencyKey = "k";
        WorkflowInstance second = newInstance();
        second.idempotencyKey = "k";
        instances.create(first, List.of(message(first)));
        assertThat(instances.create(second, List.of(message(second)))).isEqualTo(first.id);
        assertThat(keysInOutbox()).containsExactly(first.id);
    }

    @Test
    void concurrent_creates_all_commit_a_duplicate_fails_alone_and_one_key_makes_one_instance() throws Exception {
        WorkflowInstance existing = newInstance();
        instances.create(existing);
        List<java.util.concurrent.Callable<String>> calls = new ArrayList<>();
        for (int k = 0; k < 120; k++) {
            WorkflowInstance i = newInstance();
            if (k % 10 == 0) {
                i.idempotencyKey = "same";
            }
            calls.add(() -> instances.create(i, List.of(message(i))));
        }
        WorkflowInstance duplicate = newInstance();
        duplicate.id = existing.id;
        calls.add(60, () -> instances.create(duplicate));

        List<java.util.concurrent.Future<String>> results;
        try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            results = threads.invokeAll(calls);
        }
        Set<String> ids = new java.util.HashSet<>();
        int failed = 0;
        for (java.util.concurrent.Future<String> result : results) {
            try {
                ids.add(result.get());
            } catch (java.util.concurrent.ExecutionException e) {
                failed++;
                assertThat(e.getCause()).isInstanceOf(StoreException.class);
            }
        }
        assertThat(failed).as("only the duplicate id").isEqualTo(1);
        assertThat(ids).hasSize(108 + 1); // 108 without a key, one for the 12 with key "same"
        assertThat(count("SELECT count(*) FROM wf_instances")).isEqualTo(1 + 108 + 1);
        assertThat(store.outbox().pending()).as("messages of the instances created").isEqualTo(109);
    }

    @Test
    void wake_listeners_hear_this_stores_writes_that_create_work() {
        AtomicInteger wakes = new AtomicInteger();
        store.addWakeListener(wakes::incrementAndGet);
        int before = wakes.get(); // PostgreSQL's listener wakes once when it starts listening
        WorkflowInstance i = newInstance();
        instances.create(i);
        assertThat(wakes.get()).isGreaterThan(before);

        int afterCreate = wakes.get();
        instances.addSignal(i.id, Signal.Kind.PAUSE, now);
        assertThat(wakes.get()).isGreaterThan(afterCreate);
    }

    @Test
    void observers_are_told_how_long_creates_claims_commits_and_renewals_took() {
        List<String> operations = Collections.synchronizedList(new ArrayList<>());
        store.addObserver((operation, took, items, succeeded) -> {
            assertThat(took.isNegative()).isFalse();
            operations.add(operation + ":" + items + ":" + succeeded);
        });
        WorkflowInstance held = createAndClaim("node-a");
        instances.renewLeases("node-a", Map.of(held.id, held.leaseEpoch), LEASE, now);
        instances.commit(List.of(new InstanceCommit(held, true, List.of(), false)));

        assertThat(operations).containsExactly(StoreObserver.CREATE + ":1:true", StoreObserver.CLAIM + ":1:true",
                StoreObserver.RENEW + ":1:true", StoreObserver.COMMIT + ":1:true");
    }

    @Test
    void deleting_instances_removes_their_signals_and_subscriptions() {
        WorkflowInstance held = createAndClaim("node-a");
        held.pointers.add(waitingFor("paid", "o-9"));
        instances.commit(List.of(new InstanceCommit(held, true, List.of(), true)));
        instances.addSignal(held.id, Signal.Kind.CANCEL, now);

        assertThat(instances.delete(Set.of(held.id))).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM wf_subscriptions")).isZero();
        assertThat(count("SELECT count(*) FROM wf_signals")).isZero();
        assertThatThrownBy(() -> instances.addSignal(held.id, Signal.Kind.CANCEL, now))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private List<String> keysInOutbox() {
        return store.database().read(c -> {
            List<String> keys = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT ordering_key FROM wf_outbox ORDER BY seq");
                 ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    keys.add(rows.getString(1));
                }
            }
            return keys;
        });
    }

    protected long count(String sql) {
        return store.database().read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
