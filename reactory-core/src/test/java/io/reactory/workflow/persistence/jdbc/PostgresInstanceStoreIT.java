package io.reactory.workflow.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.InstanceStore.Claim;
import io.reactory.workflow.persistence.InstanceStore.ClaimRequest;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The SQL instance store's own promises on a new PostgreSQL schema, and what only PostgreSQL has: nodes (here, stores
 * on one schema) that claim at once never get the same instance, and a node hears of work another node created.
 */
class PostgresInstanceStoreIT extends JdbcInstanceStoreCases {
    private DatabaseOptions options;

    @Override
    protected DatabaseOptions options() {
        options = TestDatabases.postgres();
        return options;
    }

    @Test
    void nodes_claiming_at_once_never_hold_the_same_instance() throws Exception {
        int total = 600;
        for (int k = 0; k < total; k++) {
            instances.create(newInstance());
        }
        Set<String> claimed = ConcurrentHashMap.newKeySet();
        List<String> duplicates = new ArrayList<>();
        ExecutorService nodes = Executors.newFixedThreadPool(3);
        try (JdbcWorkflowStore second = open(options); JdbcWorkflowStore third = open(options)) {
            List<JdbcInstanceStore> stores = List.of(instances, second.instances(), third.instances());
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> counts = new ArrayList<>();
            for (int n = 0; n < 3; n++) {
                JdbcInstanceStore node = stores.get(n);
                String owner = "node-" + n;
                counts.add(nodes.submit(() -> {
                    start.await();
                    int mine = 0;
                    for (List<Claim> batch; !(batch = node.claim(new ClaimRequest(owner, now, LEASE, 17))).isEmpty(); ) {
                        for (Claim claim : batch) {
                            if (!claimed.add(claim.instance().id)) {
                                synchronized (duplicates) {
                                    duplicates.add(claim.instance().id);
                                }
                            }
                        }
                        mine += batch.size();
                    }
                    return mine;
                }));
            }
            start.countDown();
            int sum = 0;
            for (Future<Integer> count : counts) {
                sum += count.get(60, TimeUnit.SECONDS);
            }
            assertThat(duplicates).isEmpty();
            assertThat(sum).isEqualTo(total);
            assertThat(claimed).hasSize(total);
        } finally {
            nodes.shutdownNow();
        }
    }

    @Test
    void the_listener_reconnects_when_its_connection_is_cut() throws Exception {
        try (JdbcWorkflowStore other = open(options)) {
            Semaphore heard = new Semaphore(0);
            other.addWakeListener(heard::release);
            assertThat(heard.tryAcquire(10, TimeUnit.SECONDS)).as("listening").isTrue();

            int cut = store.database().read(c -> {
                try (var s = c.prepareStatement("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE application_name = ?")) {
                    s.setString(1, "reactory-listen-" + options.schema());
                    try (var rows = s.executeQuery()) {
                        rows.next();
                        return rows.getInt(1);
                    }
                }
            });
            assertThat(cut).isEqualTo(1);
            assertThat(heard.tryAcquire(10, TimeUnit.SECONDS)).as("listening again").isTrue();

            heard.drainPermits();
            WorkflowInstance i = newInstance();
            i.nextExecution = null;
            instances.create(i);
            instances.addSignal(i.id, Signal.Kind.PAUSE, now);
            assertThat(heard.tryAcquire(10, TimeUnit.SECONDS)).as("a signal after the reconnect").isTrue();
        }
    }

    @Test
    void another_node_hears_of_signals_events_and_due_releases() throws Exception {
        try (JdbcWorkflowStore other = open(options)) {
            Semaphore heard = new Semaphore(0);
            other.addWakeListener(heard::release);
            // its listener wakes it once it listens: from then on nothing is missed
            assertThat(heard.tryAcquire(10, TimeUnit.SECONDS)).as("listening").isTrue();

            WorkflowInstance i = newInstance();
            i.nextExecution = null;
            instances.create(i);
            heard.drainPermits();
            instances.addSignal(i.id, Signal.Kind.PAUSE, now);
            assertThat(heard.tryAcquire(10, TimeUnit.SECONDS)).as("a signal").isTrue();

            Claim claim = instances.claim(new ClaimRequest("node-a", now, LEASE, 1)).get(0);
            WorkflowInstance held = claim.instance();
            ExecutionPointer waiting = new ExecutionPointer(0, 0, -1);
            waiting.status = PointerStatus.WAITING_EVENT;
            waiting.eventName = "paid";
            waiting.eventKey = "o-1";
            held.pointers.add(waiting);
            instances.commit(List.of(new InstanceCommit(held, true, List.of(claim.signals().get(0).id()), true)));
            heard.drainPermits();
            store.events().publish("paid", "o-1", Payload.of(1), now);
            assertThat(heard.tryAcquire(10, TimeUnit.SECONDS)).as("an event delivered").isTrue();

            Set<String> seen = new HashSet<>();
            heard.drainPermits();
            WorkflowInstance due = instances.claim(new ClaimRequest("node-a", now, LEASE, 1)).get(0).instance();
            seen.add(due.id);
            instances.renewLeases("node-a", java.util.Map.of(due.id, due.leaseEpoch), Duration.ZERO, now);
            assertThat(heard.tryAcquire(10, TimeUnit.SECONDS)).as("a lease given back").isTrue();
            assertThat(seen).containsExactly(i.id);
        }
    }
}
