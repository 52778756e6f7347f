package io.reactory.workflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceStore.Claim;
import io.reactory.workflow.persistence.InstanceStore.ClaimRequest;
import io.reactory.workflow.persistence.InstanceStore.CommitResult;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every store must do with the ErrorHandler's records ({@link ErrorStore}): keep them with the commit that
 * carries them, and only then; find them per instance; count them; delete them. Subclass once per store.
 */
public abstract class ErrorStoreContract {
    protected static final Duration LEASE = Duration.ofSeconds(30);
    protected WorkflowStore store;
    protected Instant now = Instant.parse("2026-03-01T10:00:00Z");

    /** A new, empty store. */
    protected abstract WorkflowStore createStore();

    @BeforeEach
    void open() {
        store = createStore();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private WorkflowInstance created(String workflowId) {
        WorkflowInstance i = TestInstances.due(now);
        i.workflowId = workflowId;
        i.namespace = "etl";
        store.instances().create(i);
        return i;
    }

    private WorkflowInstance claimed(String owner, Instant at) {
        List<Claim> claims = store.instances().claim(new ClaimRequest(owner, at, LEASE, 1));
        assertThat(claims).hasSize(1);
        return claims.get(0).instance();
    }

    private CommitResult commit(WorkflowInstance held, ErrorRecord... records) {
        held.status = WorkflowStatus.RUNNING;
        return store.instances().commit(List.of(new InstanceCommit(held, true, List.of(), false, List.of(records)))).get(0);
    }

    protected ErrorRecord record(WorkflowInstance i, String errorType, int attempt, ErrorRecord.Action action,
                                 Instant at) {
        return new ErrorRecord(0, i.id, i.workflowId, i.version, i.namespace, "charge", 3, attempt, errorType,
                "payments unavailable (attempt " + attempt + ") – “quoted” …",
                errorType + ": payments unavailable\n\tat com.example.Gateway.charge(Gateway.java:42)\n\t... 7 more\n",
                action == ErrorRecord.Action.RETRY, action, action == ErrorRecord.Action.RETRY ? at.plusSeconds(10) : null,
                at);
    }

    @Test
    void records_committed_with_an_instance_are_found_by_instance_oldest_first_with_every_field() {
        WorkflowInstance i = created("pay");
        ErrorRecord first = record(i, "java.lang.IllegalStateException", 1, ErrorRecord.Action.RETRY, now);
        assertThat(commit(claimed("node-a", now), first).committed()).isTrue();
        Instant later = now.plusSeconds(10);
        ErrorRecord second = new ErrorRecord(0, i.id, i.workflowId, i.version, null, null, -1, 0,
                "io.reactory.workflow.resilience.WorkflowTimeoutException", "timed out", null, false,
                ErrorRecord.Action.FAIL, null, later);
        WorkflowInstance again = claimedById(i.id, later);
        assertThat(commit(again, second).committed()).isTrue();

        List<ErrorRecord> found = store.errors().findByInstance(i.id);

        assertThat(found).hasSize(2);
        assertThat(found.get(0).id()).isPositive();
        assertThat(found.get(1).id()).isGreaterThan(found.get(0).id());
        assertThat(found.get(0).withId(0)).isEqualTo(first);
        assertThat(found.get(1).withId(0)).isEqualTo(second);
    }

    private WorkflowInstance claimedById(String id, Instant at) {
        return store.instances().claimById(id, "node-a", LEASE, at).orElseThrow().instance();
    }

    @Test
    void a_commit_that_lost_its_lease_stores_no_error_records() {
        WorkflowInstance i = created("pay");
        WorkflowInstance stale = claimed("node-a", now);
        WorkflowInstance successor = claimed("node-b", now.plus(LEASE).plusSeconds(1));

        CommitResult refused = commit(stale, record(i, "java.lang.IllegalStateException", 1, ErrorRecord.Action.RETRY, now));

        assertThat(refused.committed()).isFalse();
        assertThat(store.errors().findByInstance(i.id)).isEmpty();
        assertThat(commit(successor).committed()).isTrue();
        assertThat(store.errors().findByInstance(i.id)).isEmpty();
    }

    @Test
    void an_instance_without_failures_has_no_records() {
        WorkflowInstance failing = created("pay");
        WorkflowInstance quiet = created("pay");
        commit(claimedById(failing.id, now), record(failing, "java.lang.IllegalStateException", 1, ErrorRecord.Action.FAIL, now));

        assertThat(store.errors().findByInstance(quiet.id)).isEmpty();
        assertThat(store.errors().findByInstance("no-such-instance")).isEmpty();
    }

    @Test
    void the_summary_counts_records_since_a_time_by_error_type_workflow_and_action() {
        WorkflowInstance a = created("pay");
        WorkflowInstance b = created("ship");
        commit(claimedById(a.id, now),
                record(a, "java.lang.IllegalStateException", 1, ErrorRecord.Action.RETRY, now.minusSeconds(3600)),
                record(a, "java.lang.IllegalStateException", 2, ErrorRecord.Action.RETRY, now),
                record(a, "java.net.SocketTimeoutException", 3, ErrorRecord.Action.FAIL, now.plusSeconds(5)));
        commit(claimedById(b.id, now), record(b, "java.lang.IllegalStateException", 1, ErrorRecord.Action.COMPENSATE,
                now.plusSeconds(1)));

        ErrorSummary all = store.errors().summarize(Instant.EPOCH);
        ErrorSummary recent = store.errors().summarize(now);

        assertThat(all.failures()).isEqualTo(4);
        assertThat(all.retries()).isEqualTo(2);
        assertThat(recent.since()).isEqualTo(now);
        assertThat(recent.failures()).isEqualTo(3);
        assertThat(recent.byErrorType()).containsOnly(Map.entry("java.lang.IllegalStateException", 2L),
                Map.entry("java.net.SocketTimeoutException", 1L));
        assertThat(recent.byWorkflow()).containsOnly(Map.entry("pay", 2L), Map.entry("ship", 1L));
        assertThat(recent.byAction()).containsOnly(Map.entry(ErrorRecord.Action.RETRY, 1L),
                Map.entry(ErrorRecord.Action.FAIL, 1L), Map.entry(ErrorRecord.Action.COMPENSATE, 1L));
    }

    @Test
    void records_are_deleted_by_instance_and_by_age() {
        WorkflowInstance a = created("pay");
        WorkflowInstance b = created("pay");
        commit(claimedById(a.id, now),
                record(a, "java.lang.IllegalStateException", 1, ErrorRecord.Action.RETRY, now.minusSeconds(60)),
                record(a, "java.lang.IllegalStateException", 2, ErrorRecord.Action.FAIL, now));
        commit(claimedById(b.id, now), record(b, "java.lang.IllegalStateException", 1, ErrorRecord.Action.FAIL, now));

        assertThat(store.errors().deleteOccurredBefore(now)).isEqualTo(1);
        assertThat(store.errors().findByInstance(a.id)).extracting(ErrorRecord::attempt).containsExactly(2);

        assertThat(store.errors().deleteByInstance(Set.of(a.id, "no-such-instance"))).isEqualTo(1);
        assertThat(store.errors().findByInstance(a.id)).isEmpty();
        assertThat(store.errors().findByInstance(b.id)).hasSize(1);
    }
}
