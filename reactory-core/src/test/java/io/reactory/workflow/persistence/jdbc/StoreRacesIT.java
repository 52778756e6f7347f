package io.reactory.workflow.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceStore.Claim;
import io.reactory.workflow.persistence.InstanceStore.ClaimRequest;
import io.reactory.workflow.persistence.InstanceStore.CommitResult;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.TestInstances;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Races and retries of the JDBC stores: a commit repeated after its outcome was lost, two nodes claiming at once,
 * concurrent creates with one idempotency key.
 */
class StoreRacesIT {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final Instant now = Instant.parse("2026-03-01T10:00:00Z");

    private WorkflowInstance newInstance(String idempotencyKey) {
        WorkflowInstance i = TestInstances.due(now);
        i.idempotencyKey = idempotencyKey;
        return i;
    }

    /**
     * The Dispatcher re-submits the same batch a second later when {@code commit} throws (Dispatcher.commitFinished).
     * When the first attempt did commit on the server and only the reply was lost (connection cut at COMMIT, the
     * outage test), the retry carries the same outbox message ids: it must not fail for ever on wf_outbox.id UNIQUE.
     * The in-memory store accepts the repeated commit.
     */
    private void assertRepeatedCommitIsAccepted(WorkflowStore store) {
        var instances = store.instances();
        instances.create(newInstance(null));
        Claim claim = instances.claim(new ClaimRequest("node-a", now, LEASE, 1)).get(0);
        WorkflowInstance i = claim.instance();
        i.status = WorkflowStatus.RUNNING;
        OutboxMessage message = new OutboxMessage("msg-" + i.id, "workflow.started.wf", i.id, "workflow.started",
                "{}", now);
        ErrorRecord error = new ErrorRecord(0, i.id, "wf", "1", null, "step", 1, 1, "java.io.IOException", "down",
                null, true, ErrorRecord.Action.RETRY, now.plusSeconds(5), now);
        InstanceCommit commit = new InstanceCommit(i, false, List.of(), false, List.of(error))
                .withOutbox(List.of(message));

        assertThat(instances.commit(List.of(commit)).get(0).committed()).isTrue();
        // the same commit again, as the Dispatcher's retry sends it
        List<CommitResult> retried = instances.commit(List.of(commit));

        assertThat(retried.get(0).committed()).isTrue();
        assertThat(store.outbox().pending()).isEqualTo(1);
        // error records carry no key that could tell the retry apart: stored at least once
        assertThat(store.errors().findByInstance(i.id)).isNotEmpty();
    }

    @Test
    void in_memory_accepts_a_repeated_commit_with_an_outbox_message() {
        try (WorkflowStore store = WorkflowStores.inMemory()) {
            var instances = store.instances();
            instances.create(newInstance(null));
            Claim claim = instances.claim(new ClaimRequest("node-a", now, LEASE, 1)).get(0);
            WorkflowInstance i = claim.instance();
            OutboxMessage message = new OutboxMessage("msg-" + i.id, "t", i.id, "workflow.started", "{}", now);
            InstanceCommit commit = new InstanceCommit(i, false, List.of(), false).withOutbox(List.of(message));
            instances.commit(List.of(commit));
            assertThat(instances.commit(List.of(commit)).get(0).committed()).isTrue();
        }
    }

    @Test
    void postgres_a_commit_retried_after_an_unknown_outcome_is_accepted() {
        try (WorkflowStore store = WorkflowStores.open(TestDatabases.postgres())) {
            assertRepeatedCommitIsAccepted(store);
        }
    }

    @Test
    void sqlite_a_commit_retried_after_an_unknown_outcome_is_accepted() {
        try (WorkflowStore store = WorkflowStores.open(TestDatabases.sqlite())) {
            assertRepeatedCommitIsAccepted(store);
        }
    }

    /** Two nodes (two pools) claim the same due instances at once, database lease clock: each is leased once. */
    @Test
    void postgres_two_nodes_claiming_at_once_never_lease_one_instance_twice() throws Exception {
        DatabaseOptions options = TestDatabases.postgres();
        int total = 3000;
        try (WorkflowStore a = WorkflowStores.open(options); WorkflowStore b = WorkflowStores.open(options)) {
            for (int k = 0; k < total; k++) {
                a.instances().create(newInstance(null));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<String> claimed = Collections.synchronizedList(new ArrayList<>());
                CyclicBarrier start = new CyclicBarrier(4);
                List<Future<?>> futures = new ArrayList<>();
                String[] owners = {"node-a", "node-b", "node-a2", "node-b2"};
                WorkflowStore[] stores = {a, b, a, b};
                for (int t = 0; t < 4; t++) {
                    WorkflowStore s = stores[t];
                    String owner = owners[t];
                    futures.add(pool.submit((Callable<Void>) () -> {
                        start.await();
                        List<Claim> got;
                        do {
                            got = s.instances().claim(new ClaimRequest(owner, Instant.now(), LEASE, 37));
                            got.forEach(c -> claimed.add(c.instance().id));
                        } while (!got.isEmpty());
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get(2, TimeUnit.MINUTES);
                }
                Set<String> distinct = new HashSet<>(claimed);
                assertThat(claimed).hasSize(total);
                assertThat(distinct).hasSize(total);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** Concurrent creates with one idempotency key on PostgreSQL: one instance, every caller gets its id. */
    @Test
    void postgres_concurrent_creates_with_one_idempotency_key_return_one_id() throws Exception {
        try (WorkflowStore a = WorkflowStores.open(TestDatabases.postgres())) {
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                for (int round = 0; round < 40; round++) {
                    String key = "key-" + round;
                    CyclicBarrier start = new CyclicBarrier(6);
                    List<Future<String>> futures = new ArrayList<>();
                    for (int t = 0; t < 6; t++) {
                        futures.add(pool.submit(() -> {
                            start.await();
                            return a.instances().create(newInstance(key));
                        }));
                    }
                    Set<String> ids = new HashSet<>();
                    for (Future<String> f : futures) {
                        ids.add(f.get(1, TimeUnit.MINUTES));
                    }
                    assertThat(ids).hasSize(1);
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
