package io.reactory.workflow.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.InstanceStore.Claim;
import io.reactory.workflow.persistence.LifecycleStore.Admission;
import io.reactory.workflow.persistence.LifecycleStore.AdmissionRequest;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Admissions racing on two stores over one database, as two engine nodes (or two processes on one SQLite file)
 * would: each store has its own pool and in-process lock, so only the database-side serialisation of a scope keeps
 * the RUNNING count within the limits.
 */
class AdmissionAcrossNodesIT {
    private static final Instant T0 = Instant.parse("2026-03-01T09:00:00Z");
    private static final Duration LEASE = Duration.ofMinutes(5);
    private static final int INSTANCES = 40;

    @Test
    void two_postgres_nodes_never_admit_past_the_workflow_or_the_global_limit() throws Exception {
        race(TestDatabases.postgres());
    }

    @Test
    void two_processes_on_one_sqlite_file_never_admit_past_the_limits() throws Exception {
        race(TestDatabases.sqlite());
    }

    private static void race(DatabaseOptions options) throws Exception {
        DatabaseOptions engineClock = options.withLeaseClock(DatabaseOptions.LeaseClock.ENGINE);
        try (WorkflowStore a = WorkflowStores.open(engineClock); WorkflowStore b = WorkflowStores.open(engineClock)) {
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < INSTANCES; k++) {
                ids.add(a.instances().create(pending(k % 2 == 0 ? "job" : "batch", k)));
            }
            Map<String, Admission> outcomes = new ConcurrentHashMap<>();
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> futures = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int k = 0; k < INSTANCES; k++) {
                    WorkflowStore node = k % 2 == 0 ? a : b;
                    String id = ids.get(k);
                    futures.add(pool.submit(() -> {
                        go.await();
                        outcomes.put(id, admit(node, id));
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : futures) {
                    f.get(120, TimeUnit.SECONDS);
                }
            }
            Map<String, Long> running = a.lifecycle().runningByWorkflow();
            assertThat(running.getOrDefault("job", 0L)).as("workflow limit").isLessThanOrEqualTo(3);
            assertThat(running.values().stream().mapToLong(Long::longValue).sum()).as("global limit").isEqualTo(5);
            assertThat(outcomes.values().stream().filter(o -> o == Admission.ADMITTED).count()).isEqualTo(5);
            assertThat(a.lifecycle().queuedByWorkflow().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(INSTANCES - 5);
        }
    }

    private static WorkflowInstance pending(String workflowId, int k) {
        WorkflowInstance i = new WorkflowInstance();
        i.id = String.format("i-%03d", k);
        i.workflowId = workflowId;
        i.version = "1";
        i.status = WorkflowStatus.PENDING;
        i.data = Payload.of(Map.of());
        i.createdAt = T0.plusMillis(k);
        i.gated = true;
        return i;
    }

    /** Claims, starts and asks admission with a limit of 3 for "job" and 5 in all, as an engine would. */
    private static Admission admit(WorkflowStore node, String id) {
        InstanceStore instances = node.instances();
        Claim claim = instances.claimById(id, "node-" + System.identityHashCode(node), LEASE, T0).orElseThrow();
        WorkflowInstance started = claim.instance();
        started.status = WorkflowStatus.RUNNING;
        started.startedAt = T0;
        started.nextExecution = T0;
        int workflowLimit = started.workflowId.equals("job") ? 3 : 0;
        return node.lifecycle().admit(new InstanceStore.InstanceCommit(started, false, List.of(), false),
                new AdmissionRequest(workflowLimit, 5, started.createdAt));
    }
}
