package io.reactory.workflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.lifecycle.DependencyCondition;
import io.reactory.workflow.lifecycle.UnmetDependencyPolicy;
import io.reactory.workflow.persistence.InstanceStore.Claim;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import io.reactory.workflow.persistence.LifecycleStore.Admission;
import io.reactory.workflow.persistence.LifecycleStore.AdmissionRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics of {@link LifecycleStore}, piece by piece: dependency rows and their look-ups, admission under
 * limits with the queue's ranking, wake-ups, and the queries of cleanup and statistics. Subclass once per store.
 */
public abstract class LifecycleStoreContract {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    protected WorkflowStore store;
    private LifecycleStore lifecycle;
    private InstanceStore instances;

    protected abstract WorkflowStore createStore();

    @BeforeEach
    void open() {
        store = createStore();
        lifecycle = store.lifecycle();
        instances = store.instances();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private String create(String workflowId, String reference, WorkflowStatus status, Instant createdAt) {
        WorkflowInstance i = new WorkflowInstance();
        i.id = io.reactory.workflow.internal.Ids.newId(createdAt.toEpochMilli());
        i.workflowId = workflowId;
        i.version = "1";
        i.status = status;
        i.data = Payload.of(Map.of());
        i.reference = reference;
        i.createdAt = createdAt;
        i.gated = true;
        if (status == WorkflowStatus.RUNNING) {
            i.startedAt = createdAt;
        }
        if (status.isFinished()) {
            i.startedAt = createdAt;
            i.completedAt = createdAt.plusSeconds(10);
        }
        return instances.create(i);
    }

    private String pending(String workflowId, Instant createdAt) {
        return create(workflowId, null, WorkflowStatus.PENDING, createdAt);
    }

    private static DependencyRecord onWorkflow(String dependent, String workflowId, String key) {
        return new DependencyRecord(dependent, null, workflowId, key, DependencyCondition.COMPLETED,
                UnmetDependencyPolicy.FAIL, null, T0, null);
    }

    private static DependencyRecord onInstance(String dependent, String target, String targetWorkflowId) {
        return new DependencyRecord(dependent, target, targetWorkflowId, null, DependencyCondition.FINISHED,
                UnmetDependencyPolicy.CANCEL, T0.plus(Duration.ofHours(1)), T0, null);
    }

    /** Claims, applies {@code change} and writes back (releasing), as an engine round would. */
    private void commit(String id, java.util.function.Consumer<WorkflowInstance> change) {
        WorkflowInstance held = instances.claimById(id, "node", LEASE, T0).orElseThrow().instance();
        change.accept(held);
        assertThat(instances.commit(List.of(new InstanceCommit(held, true, List.of(), false))).get(0).committed()).isTrue();
    }

    /** A started copy of a claimed PENDING instance, as the engine hands it to admission. */
    private InstanceCommit started(Claim claim) {
        WorkflowInstance i = claim.instance();
        i.status = WorkflowStatus.RUNNING;
        i.startedAt = T0;
        i.nextExecution = T0;
        return new InstanceCommit(i, false, List.of(), false);
    }

    private Admission admit(String id, int workflowLimit, int globalLimit, Instant rank) {
        Claim claim = instances.claimById(id, "node", LEASE, T0).orElseThrow();
        Admission admission = lifecycle.admit(started(claim), new AdmissionRequest(workflowLimit, globalLimit, rank));
        instances.renewLeases("node", Map.of(id, claim.instance().leaseEpoch), Duration.ZERO, T0);
        return admission;
    }

    private long wakeSignals(String id) {
        return instances.pendingSignals(id).stream().filter(s -> s.kind() == Signal.Kind.WAKE).count();
    }

    @Test
    void dependencies_are_kept_once_per_target_in_the_order_added() {
        String dependent = pending("process-results", T0);
        String target = create("data-extraction", "d", WorkflowStatus.RUNNING, T0);

        lifecycle.addDependencies(List.of(onWorkflow(dependent, "data-extraction", "d"),
                onInstance(dependent, target, "data-extraction")));
        lifecycle.addDependencies(List.of(onWorkflow(dependent, "data-extraction", "d")));

        assertThat(lifecycle.dependencies(dependent)).containsExactly(onWorkflow(dependent, "data-extraction", "d"),
                onInstance(dependent, target, "data-extraction"));
        assertThat(lifecycle.dependencies("unknown")).isEmpty();
    }

    @Test
    void adding_a_dependency_to_an_existing_instance_marks_it_gated() {
        WorkflowInstance i = new WorkflowInstance();
        i.id = "plain";
        i.workflowId = "report";
        i.version = "1";
        i.data = Payload.of(Map.of());
        i.createdAt = T0;
        instances.create(i);
        assertThat(instances.find("plain").orElseThrow().gated).isFalse();

        lifecycle.addDependencies(List.of(onWorkflow("plain", "data-extraction", null)));

        assertThat(instances.find("plain").orElseThrow().gated).isTrue();
        assertThat(instances.claimById("plain", "node", LEASE, T0).orElseThrow().instance().gated).isTrue();
    }

    @Test
    void dependents_are_found_by_target_instance_or_by_workflow_and_reference() {
        String byKey = pending("process-results", T0);
        String byAny = pending("report", T0);
        String otherKey = pending("process-results", T0.plusSeconds(1));
        String target = create("data-extraction", "d", WorkflowStatus.COMPLETED, T0);
        String byInstance = pending("audit", T0);
        String notPending = create("process-results", "d", WorkflowStatus.CANCELLED, T0);
        lifecycle.addDependencies(List.of(onWorkflow(byKey, "data-extraction", "d"),
                onWorkflow(byAny, "data-extraction", null), onWorkflow(otherKey, "data-extraction", "e"),
                onInstance(byInstance, target, "data-extraction"), onWorkflow(notPending, "data-extraction", "d")));

        assertThat(lifecycle.dependents(target, "data-extraction", "d")).containsExactlyInAnyOrder(byKey, byAny, byInstance);
        assertThat(lifecycle.dependents("another", "data-extraction", "e")).containsExactlyInAnyOrder(otherKey, byAny);
        assertThat(lifecycle.dependents("x", "validation", "d")).isEmpty();
        assertThat(lifecycle.targetWorkflows()).containsExactly("data-extraction");
        assertThat(lifecycle.waitingByWorkflow()).isEqualTo(Map.of("process-results", 2L, "report", 1L, "audit", 1L));
    }

    @Test
    void satisfied_dependencies_are_no_longer_waited_on() {
        String dependent = pending("process-results", T0);
        lifecycle.addDependencies(List.of(onWorkflow(dependent, "data-extraction", null)));

        lifecycle.satisfy(dependent, T0.plusSeconds(5));

        assertThat(lifecycle.dependencies(dependent)).singleElement()
                .satisfies(d -> assertThat(d.satisfiedAt()).isEqualTo(T0.plusSeconds(5)));
        assertThat(lifecycle.dependents("t", "data-extraction", null)).isEmpty();
        assertThat(lifecycle.targetWorkflows()).isEmpty();
        assertThat(lifecycle.waitingDependents(null, 10)).isEmpty();
        assertThat(lifecycle.waitingByWorkflow()).isEmpty();
    }

    @Test
    void wait_timeouts_are_found_among_parked_instances_only() {
        String parked = pending("process-results", T0);
        String due = pending("process-results", T0);
        String done = pending("process-results", T0);
        commit(due, i -> i.nextExecution = T0); // the others stay parked: no due time
        for (String id : List.of(parked, due, done)) {
            lifecycle.addDependencies(List.of(onInstance(id, "target", "data-extraction"))); // times out at T0 + 1 h
        }
        lifecycle.satisfy(done, T0);
        Instant timeout = T0.plus(Duration.ofHours(1));

        assertThat(lifecycle.nextWaitTimeout(T0)).contains(timeout);
        assertThat(lifecycle.nextWaitTimeout(timeout)).isEmpty();
        assertThat(lifecycle.timedOutDependents(timeout.minusMillis(1), 10)).isEmpty();
        assertThat(lifecycle.timedOutDependents(timeout, 10)).as("a due instance is decided when it runs")
                .containsExactly(parked);
    }

    @Test
    void waiting_dependents_are_paged_by_id() {
        List<String> ids = new java.util.ArrayList<>();
        for (int k = 0; k < 5; k++) {
            String id = pending("process-results", T0.plusMillis(k));
            ids.add(id);
            lifecycle.addDependencies(List.of(onWorkflow(id, "data-extraction", null)));
        }
        ids.sort(String::compareTo);

        List<String> first = lifecycle.waitingDependents(null, 3);
        List<String> rest = lifecycle.waitingDependents(first.get(2), 3);

        assertThat(first).containsExactlyElementsOf(ids.subList(0, 3));
        assertThat(rest).containsExactlyElementsOf(ids.subList(3, 5));
    }

    @Test
    void orphaned_rows_are_removed_once_old_enough_and_deleting_dependencies_removes_queue_entries() {
        lifecycle.addDependencies(List.of(onWorkflow("never-created", "data-extraction", null)));
        String kept = pending("process-results", T0);
        lifecycle.addDependencies(List.of(onWorkflow(kept, "data-extraction", null)));

        assertThat(lifecycle.deleteOrphans(T0)).as("younger than the cutoff: maybe a start in progress").isZero();
        assertThat(lifecycle.deleteOrphans(T0.plusSeconds(1))).isEqualTo(1);
        assertThat(lifecycle.dependencies("never-created")).isEmpty();
        assertThat(lifecycle.dependencies(kept)).hasSize(1);

        create("job", null, WorkflowStatus.RUNNING, T0);
        String queued = pending("job", T0);
        assertThat(admit(queued, 1, 0, T0)).isEqualTo(Admission.QUEUED_FOR_WORKFLOW);
        assertThat(lifecycle.deleteDependencies(Set.of(kept, queued))).isEqualTo(2);
        assertThat(lifecycle.dependencies(kept)).isEmpty();
        assertThat(lifecycle.queuedByWorkflow()).isEmpty();
    }

    @Test
    void admission_commits_below_the_limit_and_queues_at_it() {
        String first = pending("job", T0);
        String second = pending("job", T0.plusSeconds(1));

        assertThat(admit(first, 1, 0, T0)).isEqualTo(Admission.ADMITTED);
        WorkflowInstance admitted = instances.find(first).orElseThrow();
        assertThat(admitted.status).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(admitted.nextExecution).as("due for whoever takes it over").isEqualTo(T0);
        assertThat(admit(second, 1, 0, T0.plusSeconds(1))).isEqualTo(Admission.QUEUED_FOR_WORKFLOW);
        assertThat(instances.find(second).orElseThrow().status).isEqualTo(WorkflowStatus.PENDING);
        assertThat(lifecycle.runningByWorkflow()).isEqualTo(Map.of("job", 1L));
        assertThat(lifecycle.queuedByWorkflow()).isEqualTo(Map.of("job", 1L));
        assertThat(lifecycle.queuedWorkflows()).containsExactly("job");

        commit(first, i -> i.status = WorkflowStatus.COMPLETED);
        assertThat(lifecycle.runningByWorkflow()).isEmpty();
        assertThat(admit(second, 1, 0, T0.plusSeconds(1))).isEqualTo(Admission.ADMITTED);
        assertThat(lifecycle.queuedByWorkflow()).isEmpty();
    }

    @Test
    void a_free_slot_goes_to_the_best_ranked_queued_instance_not_to_a_newcomer() {
        create("job", null, WorkflowStatus.RUNNING, T0);
        String early = pending("job", T0);
        String late = pending("job", T0.plusSeconds(2));
        assertThat(admit(early, 1, 0, T0)).isEqualTo(Admission.QUEUED_FOR_WORKFLOW);
        assertThat(admit(late, 1, 0, T0.plusSeconds(2))).isEqualTo(Admission.QUEUED_FOR_WORKFLOW);
        String running = instances.find(new InstanceQuery(Set.of(WorkflowStatus.RUNNING), "job", null, null, null,
                null, 0, 1)).get(0).id;
        commit(running, i -> i.status = WorkflowStatus.COMPLETED);

        String newcomer = pending("job", T0.plusSeconds(3));
        assertThat(admit(newcomer, 1, 0, T0.plusSeconds(3))).isEqualTo(Admission.QUEUED_FOR_WORKFLOW);
        assertThat(admit(late, 1, 0, T0.plusSeconds(2))).as("early ranks before it").isEqualTo(Admission.QUEUED_FOR_WORKFLOW);
        assertThat(admit(early, 1, 0, T0)).isEqualTo(Admission.ADMITTED);
    }

    @Test
    void a_global_limit_counts_every_workflow() {
        create("job", null, WorkflowStatus.RUNNING, T0);
        create("batch", null, WorkflowStatus.RUNNING, T0);
        String third = pending("report", T0);

        assertThat(admit(third, 0, 2, T0)).isEqualTo(Admission.QUEUED_FOR_GLOBAL);
        assertThat(admit(third, 0, 3, T0)).isEqualTo(Admission.ADMITTED);
        assertThat(lifecycle.runningByWorkflow()).isEqualTo(Map.of("job", 1L, "batch", 1L, "report", 1L));
    }

    @Test
    void admission_writes_nothing_when_the_lease_was_lost() {
        String id = pending("job", T0);
        Claim stale = instances.claimById(id, "node", LEASE, T0).orElseThrow();
        instances.renewLeases("node", Map.of(id, stale.instance().leaseEpoch), Duration.ZERO, T0);
        instances.claimById(id, "other", LEASE, T0).orElseThrow();

        assertThat(lifecycle.admit(started(stale), new AdmissionRequest(5, 0, T0))).isEqualTo(Admission.LEASE_LOST);
        assertThat(instances.find(id).orElseThrow().status).isEqualTo(WorkflowStatus.PENDING);
        assertThat(lifecycle.runningByWorkflow()).isEmpty();
    }

    @Test
    void waking_a_queue_signals_the_best_ranked_for_the_free_slots_and_drops_cancelled_entries() {
        String running = create("job", null, WorkflowStatus.RUNNING, T0);
        create("job", null, WorkflowStatus.RUNNING, T0);
        String a = pending("job", T0.plusSeconds(1));
        String b = pending("job", T0.plusSeconds(2));
        String c = pending("job", T0.plusSeconds(3));
        for (String id : List.of(c, a, b)) {
            assertThat(admit(id, 2, 0, instances.find(id).orElseThrow().createdAt)).isEqualTo(Admission.QUEUED_FOR_WORKFLOW);
        }
        assertThat(lifecycle.wakeQueued("job", 2, 10, T0)).as("no free slot").isEmpty();

        commit(running, i -> i.status = WorkflowStatus.COMPLETED);
        commit(a, i -> {
            i.status = WorkflowStatus.CANCELLED;
            i.completedAt = T0;
        });
        assertThat(lifecycle.wakeQueued("job", 2, 10, T0)).containsExactly(b);
        assertThat(wakeSignals(b)).isEqualTo(1);
        assertThat(lifecycle.wakeQueued("job", 0, 10, T0)).as("no limit any more: everyone may try").containsExactly(b, c);
        assertThat(wakeSignals(b)).as("one wake-up is enough for an instance no one holds").isEqualTo(1);
        assertThat(lifecycle.queuedByWorkflow()).isEqualTo(Map.of("job", 2L));
        assertThat(lifecycle.wakeQueued(null, 0, 10, T0)).as("nothing queued for the global limit").isEmpty();
    }

    @Test
    void a_wake_up_makes_an_instance_claimable_and_a_held_one_always_gets_one() {
        String parked = pending("job", T0);
        String done = create("job", null, WorkflowStatus.COMPLETED, T0);
        assertThat(instances.claim(new InstanceStore.ClaimRequest("node", T0, LEASE, 10))).isEmpty();

        assertThat(lifecycle.wake(Set.of(parked, done, "unknown"), T0)).isEqualTo(1);
        assertThat(lifecycle.wake(Set.of(parked), T0)).isZero();
        List<Claim> claims = instances.claim(new InstanceStore.ClaimRequest("node", T0, LEASE, 10));
        assertThat(claims).singleElement().satisfies(k -> assertThat(k.signals()).extracting(Signal::kind)
                .containsExactly(Signal.Kind.WAKE));

        assertThat(lifecycle.wake(Set.of(parked), T0)).as("its holder may have taken the first").isEqualTo(1);
        WorkflowInstance held = claims.get(0).instance();
        held.nextExecution = null;
        instances.commit(List.of(new InstanceCommit(held, true, List.of(claims.get(0).signals().get(0).id()), false)));
        assertThat(instances.claim(new InstanceStore.ClaimRequest("node", T0, LEASE, 10))).as("the second wakes it again")
                .singleElement().satisfies(k -> assertThat(k.instance().id).isEqualTo(parked));
    }

    @Test
    void finished_instances_are_listed_oldest_first_by_status_and_cutoff() {
        String old = create("job", null, WorkflowStatus.COMPLETED, T0);
        String newer = create("job", null, WorkflowStatus.COMPLETED, T0.plus(Duration.ofDays(1)));
        create("job", null, WorkflowStatus.FAILED, T0);
        String cleaning = create("job", null, WorkflowStatus.COMPLETED, T0.plus(Duration.ofDays(5)));
        commit(cleaning, i -> i.status = WorkflowStatus.CLEANING_UP);

        assertThat(lifecycle.finishedBefore(WorkflowStatus.COMPLETED, T0.plus(Duration.ofDays(2)), 10))
                .containsExactly(old, newer);
        assertThat(lifecycle.finishedBefore(WorkflowStatus.COMPLETED, T0.plus(Duration.ofDays(2)), 1)).containsExactly(old);
        assertThat(lifecycle.finishedBefore(WorkflowStatus.COMPLETED, T0, 10)).isEmpty();
        assertThat(lifecycle.finishedBefore(WorkflowStatus.CLEANING_UP, T0, 10)).as("whatever its age").containsExactly(cleaning);
    }

    @Test
    void statistics_and_running_counts_follow_every_write() {
        String a = create("job", null, WorkflowStatus.RUNNING, T0);
        create("job", null, WorkflowStatus.COMPLETED, T0);
        create("batch", null, WorkflowStatus.PENDING, T0);
        assertThat(lifecycle.runningByWorkflow()).isEqualTo(Map.of("job", 1L));

        commit(a, i -> {
            i.status = WorkflowStatus.FAILED;
            i.completedAt = T0.plusSeconds(30);
        });
        instances.delete(Set.of(a));

        assertThat(lifecycle.runningByWorkflow()).isEmpty();
        assertThat(lifecycle.statistics()).containsExactlyInAnyOrder(
                new LifecycleStore.StatusFigures("job", WorkflowStatus.COMPLETED, 1, Duration.ofSeconds(10),
                        Duration.ofSeconds(10), 1),
                new LifecycleStore.StatusFigures("batch", WorkflowStatus.PENDING, 1, Duration.ZERO, Duration.ZERO, 0));
    }
}
