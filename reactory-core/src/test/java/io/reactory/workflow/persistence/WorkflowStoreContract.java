package io.reactory.workflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceStore.Claim;
import io.reactory.workflow.persistence.InstanceStore.ClaimRequest;
import io.reactory.workflow.persistence.InstanceStore.CommitResult;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics every {@link WorkflowStore} must have. Subclass it once per store; the subclass only says how to
 * create an empty store. Durable stores hand back JSON-decoded data, so data is compared as maps.
 */
public abstract class WorkflowStoreContract {
    protected static final Duration LEASE = Duration.ofSeconds(30);
    protected WorkflowStore store;
    protected InstanceStore instances;
    protected Instant now = Instant.parse("2026-03-01T10:00:00Z");

    /** A new, empty store. */
    protected abstract WorkflowStore createStore();

    @BeforeEach
    void open() {
        store = createStore();
        instances = store.instances();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected WorkflowInstance newInstance() {
        WorkflowInstance i = TestInstances.due(now);
        i.data = Payload.of(Map.of("n", 1, "s", "text"));
        return i;
    }

    private Claim claimOne(String owner) {
        List<Claim> claims = instances.claim(new ClaimRequest(owner, now, LEASE, 1));
        assertThat(claims).hasSize(1);
        return claims.get(0);
    }

    private CommitResult commit(WorkflowInstance i, boolean release) {
        return instances.commit(List.of(new InstanceCommit(i, release, List.of(), true))).get(0);
    }

    @Test
    void created_instances_are_found_as_copies_with_their_fields() {
        WorkflowInstance i = newInstance();
        i.reference = "ref-1";
        i.namespace = "etl";
        i.priority = Priority.HIGH;
        i.metadata = Map.of("source", "test");
        instances.create(i);

        WorkflowInstance found = instances.find(i.id).orElseThrow();
        assertThat(found.workflowId).isEqualTo("wf");
        assertThat(found.version).isEqualTo("1");
        assertThat(found.status).isEqualTo(WorkflowStatus.PENDING);
        assertThat(found.reference).isEqualTo("ref-1");
        assertThat(found.namespace).isEqualTo("etl");
        assertThat(found.priority).isEqualTo(Priority.HIGH);
        assertThat(found.metadata).containsEntry("source", "test");
        assertThat(found.createdAt).isEqualTo(now);
        assertThat(found.data.as(Map.class)).containsEntry("n", 1).containsEntry("s", "text");
        assertThat(found.leaseOwner).isNull();

        found.status = WorkflowStatus.FAILED;
        assertThat(instances.find(i.id).orElseThrow().status).as("changes to a copy stay there").isEqualTo(WorkflowStatus.PENDING);
        assertThat(instances.find("missing")).isEmpty();
    }

    @Test
    void an_idempotency_key_creates_one_instance() {
        WorkflowInstance first = newInstance();
        first.idempotencyKey = "key-1";
        WorkflowInstance second = newInstance();
        second.idempotencyKey = "key-1";

        assertThat(instances.create(first)).isEqualTo(first.id);
        assertThat(instances.create(second)).isEqualTo(first.id);
        assertThat(instances.find(second.id)).isEmpty();
    }

    @Test
    void claim_leases_due_instances_once_in_due_order() {
        WorkflowInstance late = newInstance();
        late.nextExecution = now.minusSeconds(1);
        WorkflowInstance early = newInstance();
        early.nextExecution = now.minusSeconds(10);
        WorkflowInstance future = newInstance();
        future.nextExecution = now.plusSeconds(60);
        WorkflowInstance waiting = newInstance();
        waiting.nextExecution = null;
        for (WorkflowInstance i : List.of(late, early, future, waiting)) {
            instances.create(i);
        }

        List<Claim> claims = instances.claim(new ClaimRequest("node-a", now, LEASE, 10));
        assertThat(claims).extracting(c -> c.instance().id).containsExactly(early.id, late.id);
        assertThat(claims).allSatisfy(c -> {
            assertThat(c.instance().leaseOwner).isEqualTo("node-a");
            assertThat(c.instance().leaseEpoch).isPositive();
        });
        assertThat(instances.claim(new ClaimRequest("node-b", now, LEASE, 10))).as("leased instances are not claimed twice").isEmpty();
    }

    @Test
    void claim_respects_its_limit() {
        for (int k = 0; k < 5; k++) {
            instances.create(newInstance());
        }
        assertThat(instances.claim(new ClaimRequest("a", now, LEASE, 3))).hasSize(3);
        assertThat(instances.claim(new ClaimRequest("b", now, LEASE, 3))).hasSize(2);
    }

    @Test
    void commits_are_fenced_by_owner_and_epoch() {
        WorkflowInstance i = newInstance();
        instances.create(i);
        WorkflowInstance held = claimOne("node-a").instance();

        held.status = WorkflowStatus.RUNNING;
        assertThat(commit(held, false).committed()).isTrue();

        WorkflowInstance stale = held.copy();
        stale.leaseEpoch = held.leaseEpoch - 1;
        assertThat(commit(stale, false).committed()).isFalse();

        WorkflowInstance impostor = held.copy();
        impostor.leaseOwner = "node-b";
        assertThat(commit(impostor, false).committed()).isFalse();

        held.status = WorkflowStatus.COMPLETED;
        held.nextExecution = null;
        WorkflowInstance again = held.copy();
        assertThat(commit(held, true).committed()).isTrue();
        assertThat(commit(again, true).committed()).as("after release the lease is gone").isFalse();
        WorkflowInstance stored = instances.find(i.id).orElseThrow();
        assertThat(stored.status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(stored.leaseOwner).isNull();
    }

    @Test
    void an_expired_lease_is_taken_over_and_the_old_holder_cannot_commit() {
        instances.create(newInstance());
        WorkflowInstance first = claimOne("node-a").instance();

        now = now.plus(LEASE).plusSeconds(1);
        WorkflowInstance second = claimOne("node-b").instance();
        assertThat(second.leaseEpoch).isGreaterThan(first.leaseEpoch);

        first.status = WorkflowStatus.RUNNING;
        assertThat(commit(first, true).committed()).isFalse();
        second.status = WorkflowStatus.RUNNING;
        assertThat(commit(second, false).committed()).isTrue();
        assertThat(instances.find(second.id).orElseThrow().leaseOwner).isEqualTo("node-b");
    }

    @Test
    void renewing_keeps_a_lease_and_reports_lost_ones() {
        instances.create(newInstance());
        WorkflowInstance held = claimOne("node-a").instance();

        now = now.plus(LEASE.dividedBy(2));
        assertThat(instances.renewLeases("node-a", Map.of(held.id, held.leaseEpoch), LEASE, now)).isEmpty();
        now = now.plus(LEASE.dividedBy(2)).plusSeconds(5);
        assertThat(instances.claim(new ClaimRequest("node-b", now, LEASE, 10))).as("renewed lease still holds").isEmpty();

        assertThat(instances.renewLeases("node-a", Map.of(held.id, held.leaseEpoch + 7), LEASE, now)).containsExactly(held.id);
        assertThat(instances.renewLeases("node-a", Map.of("missing", 1L), LEASE, now)).containsExactly("missing");
    }

    @Test
    void a_lease_renewed_for_zero_is_given_back() {
        instances.create(newInstance());
        WorkflowInstance held = claimOne("node-a").instance();
        instances.renewLeases("node-a", Map.of(held.id, held.leaseEpoch), Duration.ZERO, now);
        assertThat(instances.claim(new ClaimRequest("node-b", now, LEASE, 10))).hasSize(1);
    }

    @Test
    void released_instances_are_claimable_again_when_due() {
        instances.create(newInstance());
        WorkflowInstance held = claimOne("node-a").instance();
        held.status = WorkflowStatus.RUNNING;
        held.nextExecution = now.plusSeconds(30);
        commit(held, true);

        assertThat(instances.claim(new ClaimRequest("node-a", now, LEASE, 10))).isEmpty();
        assertThat(instances.nextDue()).contains(now.plusSeconds(30));
        now = now.plusSeconds(30);
        assertThat(instances.claim(new ClaimRequest("node-a", now, LEASE, 10))).hasSize(1);
    }

    @Test
    void signals_make_an_idle_instance_claimable_and_reach_a_holder_with_its_next_commit() {
        WorkflowInstance i = newInstance();
        i.nextExecution = null;
        i.status = WorkflowStatus.RUNNING;
        instances.create(i);

        Signal pause = instances.addSignal(i.id, Signal.Kind.PAUSE, now);
        Claim claim = claimOne("node-a");
        assertThat(claim.signals()).extracting(Signal::kind).containsExactly(Signal.Kind.PAUSE);

        Signal cancel = instances.addSignal(i.id, Signal.Kind.CANCEL, now);
        assertThat(instances.pendingSignals(i.id)).extracting(Signal::kind).containsExactly(Signal.Kind.PAUSE, Signal.Kind.CANCEL);
        WorkflowInstance held = claim.instance();
        CommitResult result = instances.commit(List.of(new InstanceCommit(held, false, List.of(pause.id()), false))).get(0);
        assertThat(result.pendingSignals()).extracting(Signal::id).containsExactly(cancel.id());

        instances.commit(List.of(new InstanceCommit(held, true, List.of(cancel.id()), false)));
        assertThat(instances.claim(new ClaimRequest("node-a", now, LEASE, 10))).isEmpty();
        assertThat(instances.pendingSignals(i.id)).isEmpty();
    }

    @Test
    void claim_by_id_succeeds_only_when_no_one_holds_the_instance() {
        WorkflowInstance i = newInstance();
        i.nextExecution = null;
        instances.create(i);

        Claim mine = instances.claimById(i.id, "api", LEASE, now).orElseThrow();
        assertThat(instances.claimById(i.id, "other", LEASE, now)).isEmpty();
        commit(mine.instance(), true);
        assertThat(instances.claimById(i.id, "other", LEASE, now)).isPresent();
        assertThat(instances.claimById("missing", "other", LEASE, now)).isEmpty();
    }

    @Test
    void an_instance_created_leased_is_held_by_its_creator_as_if_claimed() {
        WorkflowInstance i = newInstance();
        assertThat(instances.createLeased(i, List.of(), new InstanceStore.Lease("node-a", LEASE, now))).isEqualTo(i.id);
        assertThat(i.leaseOwner).isEqualTo("node-a");
        assertThat(i.leaseEpoch).isEqualTo(1);
        assertThat(instances.find(i.id).orElseThrow().leaseOwner).isEqualTo("node-a");

        // held: neither a claim nor a claim by id takes it while the lease runs
        assertThat(instances.claim(new ClaimRequest("node-b", now, LEASE, 10))).isEmpty();
        assertThat(instances.claimById(i.id, "node-b", LEASE, now)).isEmpty();
        assertThat(instances.renewLeases("node-a", Map.of(i.id, 1L), LEASE, now)).isEmpty();
        i.status = WorkflowStatus.RUNNING;
        i.startedAt = now;
        assertThat(commit(i, false).committed()).isTrue();

        // its lease expires like a claimed one: another node takes it over and the creator is fenced off
        now = now.plus(LEASE).plusSeconds(1);
        Claim taken = claimOne("node-b");
        assertThat(taken.instance().id).isEqualTo(i.id);
        assertThat(taken.instance().leaseEpoch).isEqualTo(2);
        assertThat(taken.instance().status).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(commit(i, true).committed()).isFalse();
    }

    @Test
    void a_leased_create_with_a_known_idempotency_key_writes_nothing_and_leases_nothing() {
        WorkflowInstance first = newInstance();
        first.idempotencyKey = "order-7";
        instances.create(first);
        WorkflowInstance second = newInstance();
        second.idempotencyKey = "order-7";

        assertThat(instances.createLeased(second, List.of(), new InstanceStore.Lease("node-a", LEASE, now)))
                .isEqualTo(first.id);
        assertThat(second.leaseOwner).isNull();
        assertThat(instances.find(second.id)).isEmpty();
        assertThat(claimOne("node-b").instance().id).isEqualTo(first.id);
    }

    @Test
    void leased_and_unleased_creates_of_concurrent_callers_are_each_stored_as_asked() throws Exception {
        int n = 40;
        List<WorkflowInstance> created = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            List<java.util.concurrent.Future<String>> ids = new ArrayList<>();
            for (int k = 0; k < n; k++) {
                WorkflowInstance i = newInstance();
                if (k % 3 == 0) {
                    i.idempotencyKey = "key-" + k;
                }
                created.add(i);
                boolean leased = k % 2 == 0;
                ids.add(pool.submit(() -> leased
                        ? instances.createLeased(i, List.of(), new InstanceStore.Lease("node-a", LEASE, now))
                        : instances.create(i)));
            }
            for (int k = 0; k < n; k++) {
                assertThat(ids.get(k).get()).isEqualTo(created.get(k).id);
            }
        }
        for (int k = 0; k < n; k++) {
            WorkflowInstance stored = instances.find(created.get(k).id).orElseThrow();
            assertThat(stored.leaseOwner).as("instance %d", k).isEqualTo(k % 2 == 0 ? "node-a" : null);
        }
        assertThat(instances.claim(new ClaimRequest("node-b", now, LEASE, 100))).hasSize(n / 2);
    }

    private WorkflowInstance waitingFor(String event, String key) {
        WorkflowInstance i = newInstance();
        i.status = WorkflowStatus.RUNNING;
        instances.create(i);
        WorkflowInstance held = claimOne("node-a").instance();
        held.nextExecution = null;
        ExecutionPointer p = new ExecutionPointer(0, 0, -1);
        p.status = PointerStatus.WAITING_EVENT;
        p.eventName = event;
        p.eventKey = key;
        held.pointers.add(p);
        held.nextPointerId = 1;
        return held;
    }

    @Test
    void publishing_signals_the_instances_waiting_for_name_and_key() {
        WorkflowInstance held = waitingFor("paid", "order-1");
        WorkflowInstance other = waitingFor("paid", "order-2");
        commit(held, true);
        commit(other, true);

        Event event = store.events().publish("paid", "order-1", Payload.of(Map.of("amount", 5)), now.plusSeconds(1));
        assertThat(event.seq()).isPositive();
        assertThat(store.events().find(event.id())).isPresent();

        now = now.plusSeconds(1);
        List<Claim> claims = instances.claim(new ClaimRequest("node-a", now, LEASE, 10));
        assertThat(claims).extracting(c -> c.instance().id).containsExactly(held.id);
        Signal signal = claims.get(0).signals().get(0);
        assertThat(signal.kind()).isEqualTo(Signal.Kind.EVENT);
        assertThat(signal.event().id()).isEqualTo(event.id());
        assertThat(signal.event().data().as(Map.class)).containsEntry("amount", 5);
    }

    @Test
    void an_event_published_before_the_subscription_is_signalled_when_it_is_committed() {
        WorkflowInstance held = waitingFor("paid", "order-3");
        Event early = store.events().publish("paid", "order-3", Payload.of("early"), now);
        commit(held, true);

        List<Claim> claims = instances.claim(new ClaimRequest("node-a", now, LEASE, 10));
        assertThat(claims).hasSize(1);
        assertThat(claims.get(0).signals()).extracting(s -> s.event().id()).containsExactly(early.id());
    }

    @Test
    void events_older_than_the_instance_or_behind_its_cursor_are_not_matched() {
        store.events().publish("paid", "order-4", Payload.of("before"), now.minusSeconds(5));
        WorkflowInstance held = waitingFor("paid", "order-4");
        Event consumed = store.events().publish("paid", "order-4", Payload.of("consumed"), now);
        held.advanceCursor(WorkflowInstance.cursorKey("paid", "order-4"), consumed.seq());
        commit(held, true);

        assertThat(instances.claim(new ClaimRequest("node-a", now, LEASE, 10))).isEmpty();
        Event fresh = store.events().publish("paid", "order-4", Payload.of("fresh"), now.plusSeconds(1));
        assertThat(instances.claim(new ClaimRequest("node-a", now.plusSeconds(1), LEASE, 10)))
                .flatExtracting(Claim::signals).extracting(s -> s.event().id()).containsExactly(fresh.id());
    }

    @Test
    void pointers_and_instance_state_survive_a_round_trip() {
        WorkflowInstance i = newInstance();
        instances.create(i);
        WorkflowInstance held = claimOne("node-a").instance();
        Instant t = now.truncatedTo(ChronoUnit.MILLIS);
        held.status = WorkflowStatus.FAILED;
        held.startedAt = t;
        held.completedAt = t.plusSeconds(3);
        held.nextExecution = null;
        held.failure = new Failure(Failure.STEP_FAILED, "charge", 3, "java.lang.IllegalStateException", "declined", t);
        held.advanceCursor(WorkflowInstance.cursorKey("e", "k"), 17L);
        held.stepsExecuted = 12;
        held.completions = 4;
        held.nextPointerId = 3;
        held.data = Payload.of(Map.of("total", 99, "items", List.of("a", "b")));
        ExecutionPointer container = new ExecutionPointer(0, 4, -1);
        container.status = PointerStatus.COMPENSATING;
        container.items = Payload.of(List.of("x", "y"));
        container.iteration = 2;
        container.compensationQueue = new ArrayList<>(List.of(1, 2));
        container.errorType = "java.lang.IllegalStateException";
        container.errorMessage = "boom";
        ExecutionPointer child = new ExecutionPointer(1, 5, 0);
        child.status = PointerStatus.COMPLETE;
        child.failures = 2;
        child.item = Payload.of("y");
        child.itemIndex = 1;
        child.startedAt = t;
        child.endedAt = t.plusMillis(250);
        child.completedSeq = 4;
        child.outcome = Payload.of("ok");
        child.compensates = 7;
        ExecutionPointer waiting = new ExecutionPointer(2, 6, 0);
        waiting.status = PointerStatus.PENDING;
        waiting.sleepUntil = t.plusSeconds(60);
        waiting.eventName = "e";
        waiting.eventKey = "k";
        waiting.eventId = "event-1";
        waiting.eventPublishedAt = t;
        waiting.eventData = Payload.of(Map.of("v", true));
        held.pointers = new ArrayList<>(List.of(container, child, waiting));
        commit(held, true);

        WorkflowInstance back = instances.find(i.id).orElseThrow();
        assertThat(back.status).isEqualTo(WorkflowStatus.FAILED);
        assertThat(back.startedAt).isEqualTo(t);
        assertThat(back.completedAt).isEqualTo(t.plusSeconds(3));
        assertThat(back.nextExecution).isNull();
        assertThat(back.failure).isEqualTo(held.failure);
        assertThat(back.eventCursors).containsEntry(WorkflowInstance.cursorKey("e", "k"), 17L);
        assertThat(back.stepsExecuted).isEqualTo(12);
        assertThat(back.completions).isEqualTo(4);
        assertThat(back.nextPointerId).isEqualTo(3);
        assertThat(back.data.as(Map.class)).containsEntry("total", 99).containsEntry("items", List.of("a", "b"));
        assertThat(back.pointers).hasSize(3);
        ExecutionPointer c = back.pointers.get(0);
        assertThat(c.stepId).isEqualTo(4);
        assertThat(c.status).isEqualTo(PointerStatus.COMPENSATING);
        assertThat(c.items.as(List.class)).containsExactly("x", "y");
        assertThat(c.iteration).isEqualTo(2);
        assertThat(c.compensationQueue).containsExactly(1, 2);
        assertThat(c.errorMessage).isEqualTo("boom");
        ExecutionPointer k = back.pointers.get(1);
        assertThat(k.scope).isZero();
        assertThat(k.failures).isEqualTo(2);
        assertThat(k.item.as(String.class)).isEqualTo("y");
        assertThat(k.itemIndex).isEqualTo(1);
        assertThat(k.startedAt).isEqualTo(t);
        assertThat(k.endedAt).isEqualTo(t.plusMillis(250));
        assertThat(k.completedSeq).isEqualTo(4);
        assertThat(k.outcome.as(String.class)).isEqualTo("ok");
        assertThat(k.compensates).isEqualTo(7);
        ExecutionPointer w = back.pointers.get(2);
        assertThat(w.sleepUntil).isEqualTo(t.plusSeconds(60));
        assertThat(w.eventName).isEqualTo("e");
        assertThat(w.eventKey).isEqualTo("k");
        assertThat(w.eventId).isEqualTo("event-1");
        assertThat(w.eventPublishedAt).isEqualTo(t);
        assertThat(w.eventData.as(Map.class)).containsEntry("v", true);
        assertThat(w.item).isNull();
        assertThat(w.itemIndex).isEqualTo(-1);
    }

    @Test
    void instances_are_listed_with_filters_newest_first_and_counted_by_status() {
        for (int k = 0; k < 5; k++) {
            WorkflowInstance i = newInstance();
            i.createdAt = now.plusSeconds(k);
            i.reference = k % 2 == 0 ? "even" : "odd";
            i.status = k < 3 ? WorkflowStatus.PENDING : WorkflowStatus.COMPLETED;
            i.workflowId = k == 4 ? "other" : "wf";
            instances.create(i);
        }
        assertThat(instances.find(InstanceQuery.all(10))).hasSize(5)
                .extracting(i -> i.createdAt).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(instances.find(new InstanceQuery(Set.of(WorkflowStatus.COMPLETED), null, null, null, null, null, 0, 10)))
                .hasSize(2);
        assertThat(instances.find(new InstanceQuery(Set.of(), "wf", "even", null, null, null, 0, 10))).hasSize(2);
        assertThat(instances.find(new InstanceQuery(Set.of(), null, null, null, now.plusSeconds(1), now.plusSeconds(3), 0, 10)))
                .hasSize(2);
        assertThat(instances.find(new InstanceQuery(EnumSet.allOf(WorkflowStatus.class), null, null, null, null, null, 3, 10)))
                .hasSize(2);
        assertThat(instances.countByStatus()).containsEntry(WorkflowStatus.PENDING, 3L).containsEntry(WorkflowStatus.COMPLETED, 2L);
    }

    @Test
    void counts_by_status_follow_commits_and_deletes() {
        WorkflowInstance a = newInstance();
        WorkflowInstance b = newInstance();
        instances.create(a);
        instances.create(b);
        Claim claim = instances.claim(new ClaimRequest("node-a", now, LEASE, 2)).get(0);
        WorkflowInstance held = claim.instance();
        held.status = WorkflowStatus.COMPLETED;
        held.nextExecution = null;
        assertThat(commit(held, true).committed()).isTrue();
        assertThat(instances.countByStatus()).containsEntry(WorkflowStatus.PENDING, 1L)
                .containsEntry(WorkflowStatus.COMPLETED, 1L);
        instances.delete(Set.of(held.id));
        assertThat(instances.countByStatus()).containsOnlyKeys(WorkflowStatus.PENDING);
    }

    @Test
    void counts_the_runnable_instances_when_the_store_can() {
        for (int k = 0; k < 7; k++) {
            WorkflowInstance i = newInstance();
            i.nextExecution = now.plusSeconds(k - 3);    // 4 due (-3..0 s), 3 in the future
            instances.create(i);
        }
        java.util.OptionalLong runnable = instances.countRunnable(now);
        if (runnable.isEmpty()) {
            return; // this store does not count them; metrics show NaN
        }
        assertThat(runnable.getAsLong()).isEqualTo(4);
        assertThat(instances.countRunnable(now.minusSeconds(10)).getAsLong()).isZero();
        assertThat(instances.countRunnable(now.plusSeconds(10)).getAsLong()).isEqualTo(7);
        instances.claim(new ClaimRequest("node-a", now, LEASE, 2));   // leased ones are not waiting
        assertThat(instances.countRunnable(now).getAsLong()).isEqualTo(2);
    }

    @Test
    void deleted_instances_are_gone_with_their_signals() {
        WorkflowInstance i = newInstance();
        i.nextExecution = null;
        instances.create(i);
        instances.addSignal(i.id, Signal.Kind.CANCEL, now);

        assertThat(instances.delete(Set.of(i.id, "missing"))).isEqualTo(1);
        assertThat(instances.find(i.id)).isEmpty();
        assertThat(instances.claim(new ClaimRequest("a", now, LEASE, 10))).isEmpty();
    }

    @Test
    void old_events_are_deleted() {
        store.events().publish("e", "k", Payload.of(1), now.minusSeconds(100));
        Event kept = store.events().publish("e", "k", Payload.of(2), now);
        assertThat(store.events().deletePublishedBefore(now.minusSeconds(10))).isEqualTo(1);
        assertThat(store.events().find(kept.id())).isPresent();
    }
}
