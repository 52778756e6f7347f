package io.reactory.workflow.persistence.jdbc.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster test: three engine JVMs on one PostgreSQL schema complete 10,000 workflows. Node 1 creates the
 * instances while nodes 2 and 3 already run, so all three compete for the same rows from the start.
 */
class PostgresClusterIT {
    private static final int WORKFLOWS = 10_000;
    private static final Duration LEASE = Duration.ofSeconds(2);
    /**
     * Beyond the lease: a survivor notices the expired lease at its next claim (poll interval 250 ms unless woken)
     * and runs the orphan's remaining steps, committing each.
     */
    private static final Duration TAKEOVER_MARGIN = Duration.ofMillis(1500);

    @Test
    void three_nodes_complete_10000_workflows_every_node_working_and_no_step_running_twice(@TempDir Path dir) {
        DatabaseOptions database = TestDatabases.postgres();
        try (WorkflowStore store = WorkflowStores.open(database.withMaxPoolSize(2))) {
            List<NodeProcess> nodes = launchCluster(dir, database);
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
            assertThat(effects.repeated()).as("steps that ran twice without a crash").isZero();
            assertThat(effects.total()).isEqualTo((long) WORKFLOWS * FiveSteps.STEPS);
            assertThat(effects.byNode()).as("step executions per node")
                    .containsOnlyKeys("node-1", "node-2", "node-3")
                    .allSatisfy((node, executions) -> assertThat(executions).as(node).isPositive());
        }
    }

    @Test
    void a_node_killed_mid_run_has_its_instances_finished_by_the_others_within_the_lease(@TempDir Path dir) {
        DatabaseOptions database = TestDatabases.postgres();
        try (WorkflowStore store = WorkflowStores.open(database.withMaxPoolSize(2))) {
            List<NodeProcess> nodes = launchCluster(dir, database);
            try {
                NodeProcess victim = nodes.get(1);
                // Half-way: by then the nodes hold nearly every unfinished instance, so what the survivors wait for
                // after the kill is node-2's leases, not a backlog of never-claimed instances.
                await("half of the steps run").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> nodes.stream().mapToLong(n -> Effects.lines(n.effects())).sum()
                                >= (long) WORKFLOWS * FiveSteps.STEPS / 2 || !victim.isAlive());
                assertThat(victim.isAlive()).as("still running when killed: %s", victim.tail()).isTrue();
                victim.kill();
                long killedAt = System.nanoTime();

                Effects atKill = Effects.read(nodes.stream().map(NodeProcess::effects).toList());
                Map<String, WorkflowInstance> stored = Stored.instances(store);
                Set<String> orphans = stored.values().stream()
                        .filter(i -> victim.node().equals(i.leaseOwner) && i.status != WorkflowStatus.COMPLETED)
                        .map(i -> i.id)
                        .collect(Collectors.toSet());
                assertThat(orphans).as("instances node-2 held at the kill").isNotEmpty();
                long inFlight = Stored.uncommitted(atKill, stored, orphans);

                await("node-2's instances completed by the others").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> orphans.stream().allMatch(id -> store.instances().find(id).orElseThrow()
                                .status == WorkflowStatus.COMPLETED));
                Duration takeover = Duration.ofNanos(System.nanoTime() - killedAt);

                for (NodeProcess survivor : List.of(nodes.get(0), nodes.get(2))) {
                    assertThat(survivor.awaitExit(Duration.ofSeconds(90))).as("exit code: %s", survivor.tail()).isZero();
                }
                Effects effects = Effects.read(nodes.stream().map(NodeProcess::effects).toList());
                Map<String, WorkflowInstance> finished = Stored.instances(store);
                assertThat(finished).hasSize(WORKFLOWS);
                assertThat(Stored.notIn(finished, WorkflowStatus.COMPLETED)).as("instances not COMPLETED").isEmpty();
                Stored.assertEveryStepRan(effects, finished.keySet());
                System.out.printf("cluster kill test: node-2 held %d unfinished instances at the SIGKILL (%d steps in"
                                + " flight); the others completed them %d ms after the kill (lease %d ms); %d repeated"
                                + " step executions; per node %s%n",
                        orphans.size(), inFlight, takeover.toMillis(), LEASE.toMillis(), effects.repeated(),
                        effects.byNode());
                assertThat(effects.repeated()).as("repeated step executions vs. steps in flight at the kill")
                        .isLessThanOrEqualTo(inFlight);
                assertThat(takeover).as("from the kill until node-2's instances completed")
                        .isLessThanOrEqualTo(LEASE.plus(TAKEOVER_MARGIN));
            } finally {
                nodes.forEach(NodeProcess::close);
            }
        }
    }

    /** node-1 creates the instances; node-2 and node-3 only run them. All exit when every instance is COMPLETED. */
    private static List<NodeProcess> launchCluster(Path dir, DatabaseOptions database) {
        List<NodeProcess> nodes = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            List<String> args = new ArrayList<>(Stored.nodeArgs(database));
            args.addAll(List.of("--expect", String.valueOf(WORKFLOWS), "--lease-ms", String.valueOf(LEASE.toMillis())));
            if (n == 1) {
                args.addAll(List.of("--start", String.valueOf(WORKFLOWS)));
            }
            nodes.add(NodeProcess.launch(dir, "node-" + n, args));
        }
        return nodes;
    }
}
