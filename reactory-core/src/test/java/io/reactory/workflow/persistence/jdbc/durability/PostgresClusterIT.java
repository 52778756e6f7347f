package io.reactory.workflow.persistence.jdbc.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.JdbcWorkflowStore;
import io.reactory.workflow.persistence.jdbc.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster test: three engine JVMs on one PostgreSQL schema complete 10,000 workflows. The test stores the
 * instances before launching the nodes together, so all three compete for the same rows from the start.
 */
class PostgresClusterIT {
    private static final int WORKFLOWS = 10_000;
    /**
     * Short, so that a take-over happens within seconds, but not shorter than a node's worst stall on this shared
     * two-core machine: a cold JVM's first claim of 256 instances took up to 3.5 s (JSON of every row parsed by code
     * not compiled yet) and a group commit of 1,100 instances up to 1.9 s, during which the loop renews no lease. With
     * 2 s leases those expired under live nodes, and steps ran twice without any crash.
     */
    private static final Duration LEASE = Duration.ofSeconds(5);
    /**
     * Beyond the lease: a PostgreSQL claim looks for expired leases once a second (the store's expiry check), a node
     * claims every 250 ms unless woken (the nodes' poll interval), and the survivor then runs the orphan's remaining
     * steps, committing each.
     */
    private static final Duration TAKEOVER_MARGIN = Duration.ofMillis(2500);

    @Test
    void three_nodes_complete_10000_workflows_every_node_working_and_no_step_running_twice(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        DatabaseOptions database = TestDatabases.postgres();
        try (JdbcWorkflowStore store = (JdbcWorkflowStore) WorkflowStores.open(database.withMaxPoolSize(2))) {
            Starter.store(store, WORKFLOWS);
            List<NodeProcess> nodes = launchCluster(dir, database, List.of());
            try {
                for (NodeProcess node : nodes) {
                    assertThat(node.awaitExit(Duration.ofSeconds(90))).as("exit code: %s", node.tail()).isZero();
                }
            } finally {
                nodes.forEach(NodeProcess::close);
            }

            Effects effects = Effects.read(nodes.stream().map(NodeProcess::effects).toList());
            Map<String, WorkflowInstance> stored = Stored.instances(store);
            assertThat(stored).hasSize(WORKFLOWS);
            assertThat(Stored.notIn(stored, WorkflowStatus.COMPLETED)).as("instances not COMPLETED").isEmpty();
            Stored.assertEveryStepRan(effects, stored.keySet());
            System.out.printf("cluster test: %d workflows, step executions per node %s, repeated %d%n", WORKFLOWS,
                    effects.byNode(), effects.repeated());
            assertThat(effects.repeated()).as("steps that ran twice without a crash; files in %s; e.g. %s", dir,
                    effects.repeatedSample(10)).isZero();
            assertThat(effects.total()).isEqualTo((long) WORKFLOWS * FiveSteps.STEPS);
            assertThat(effects.byNode()).as("step executions per node")
                    .containsOnlyKeys("node-1", "node-2", "node-3")
                    .allSatisfy((node, executions) -> assertThat(executions).as(node).isPositive());
        }
    }

    @Test
    void a_node_killed_mid_run_has_its_instances_finished_by_the_others_within_the_lease(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        DatabaseOptions database = TestDatabases.postgres();
        try (JdbcWorkflowStore store = (JdbcWorkflowStore) WorkflowStores.open(database.withMaxPoolSize(2))) {
            Starter.store(store, WORKFLOWS);
            long launchedAt = System.nanoTime();
            // 512 instances a node instead of 2,048: a survivor then has room for node-2's instances as soon as their
            // leases expire, instead of running its own 2,048 (a few seconds of work here) before it claims again.
            List<NodeProcess> nodes = launchCluster(dir, database, List.of("--max-in-flight", "512"));
            try {
                NodeProcess victim = nodes.get(1);
                // At 70% every node is still busy (node-2 holds up to 512 instances), and what is left for the
                // survivors to claim before node-2's instances (claims go in due order; never-claimed instances were
                // due first) takes them less than the lease: the figure then measures how long node-2's instances
                // wait for its leases to expire, not a backlog. Polled gently: counting 10,000 rows by status takes
                // CPU from the nodes on two cores.
                await("70% of the instances completed").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> Stored.count(store, WorkflowStatus.COMPLETED) >= WORKFLOWS * 7 / 10
                                || !victim.isAlive());
                assertThat(victim.isAlive()).as("still running when killed: %s", victim.tail()).isTrue();
                victim.kill();
                long killedAt = System.nanoTime();

                Effects atKill = Effects.read(nodes.stream().map(NodeProcess::effects).toList());
                Map<String, WorkflowInstance> stored = Stored.instances(store);
                Set<String> orphans = stored.values().stream()
                        .filter(i -> victim.node().equals(i.leaseOwner) && i.status != WorkflowStatus.COMPLETED)
                        .map(i -> i.id)
                        .collect(Collectors.toSet());
                assertThat(orphans).as("instances node-2 held at the kill; lease owners of the unfinished ones: %s",
                        stored.values().stream().filter(i -> i.status != WorkflowStatus.COMPLETED)
                                .collect(Collectors.groupingBy(i -> String.valueOf(i.leaseOwner), Collectors.counting())))
                        .isNotEmpty();
                long inFlight = Stored.uncommitted(atKill, stored, orphans);

                AtomicLong claimedAt = new AtomicLong();
                await("node-2's instances completed by the others").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> {
                            List<WorkflowInstance> open = Stored.unfinished(store).stream()
                                    .filter(i -> orphans.contains(i.id)).toList();
                            if (open.stream().noneMatch(i -> victim.node().equals(i.leaseOwner))) {
                                claimedAt.compareAndSet(0, System.nanoTime());
                            }
                            return open.isEmpty();
                        });
                Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);
                Duration claimed = Duration.ofNanos(claimedAt.get() - killedAt);

                for (NodeProcess survivor : List.of(nodes.get(0), nodes.get(2))) {
                    assertThat(survivor.awaitExit(Duration.ofSeconds(90))).as("exit code: %s", survivor.tail())
                            .isZero();
                }
                long exitedAt = System.nanoTime();
                Effects effects = Effects.read(nodes.stream().map(NodeProcess::effects).toList());
                Map<String, WorkflowInstance> finished = Stored.instances(store);
                assertThat(finished).hasSize(WORKFLOWS);
                assertThat(Stored.notIn(finished, WorkflowStatus.COMPLETED)).as("instances not COMPLETED").isEmpty();
                Stored.assertEveryStepRan(effects, finished.keySet());
                System.out.printf("cluster kill test: node-2 held %d unfinished instances at the SIGKILL (%d steps"
                                + " in flight); the others had claimed them all %d ms and completed them %d ms after the"
                                + " kill (lease %d ms); %d repeated step executions; per node %s; killed %d ms after the"
                                + " launch, survivors exited %d ms after the kill (files in %s)%n",
                        orphans.size(), inFlight, claimed.toMillis(), takeover.toMillis(), LEASE.toMillis(),
                        effects.repeated(), effects.byNode(), (killedAt - launchedAt) / 1_000_000,
                        (exitedAt - killedAt) / 1_000_000, dir);
                assertThat(effects.repeated())
                        .as("repeated step executions vs. steps in flight at the kill; files in %s; e.g. %s", dir,
                                effects.repeatedSample(10))
                        .isLessThanOrEqualTo(inFlight);
                assertThat(takeover).as("from the kill until node-2's instances completed")
                        .isLessThanOrEqualTo(LEASE.plus(TAKEOVER_MARGIN));
            } finally {
                nodes.forEach(NodeProcess::close);
            }
        }
    }

    /** Three nodes that exit once every instance is COMPLETED. */
    private static List<NodeProcess> launchCluster(Path dir, DatabaseOptions database, List<String> more) {
        List<NodeProcess> nodes = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            List<String> args = new ArrayList<>(Stored.nodeArgs(database));
            args.addAll(List.of("--expect", String.valueOf(WORKFLOWS), "--lease-ms", String.valueOf(LEASE.toMillis())));
            args.addAll(more);
            nodes.add(NodeProcess.launch(dir, "node-" + n, args));
        }
        return nodes;
    }
}
