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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frozen lease holder: node A holds instances whose third step is running when its whole JVM is suspended
 * (SIGSTOP) for longer than the lease. A successor takes them over. When A wakes up and its steps finish, the store
 * refuses A's commits: the stored state stays the successor's.
 */
class FrozenLeaseHolderIT {
    private static final int WORKFLOWS = 20;
    private static final int BLOCKED_STEP = 3;

    @Test
    void a_suspended_holder_that_wakes_up_after_its_successor_finished_cannot_commit_over_it(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        DatabaseOptions database = TestDatabases.postgres();
        try (WorkflowStore store = WorkflowStores.open(database.withMaxPoolSize(2))) {
            List<String> nodeA = new ArrayList<>(Stored.nodeArgs(database));
            nodeA.addAll(List.of("--start", String.valueOf(WORKFLOWS), "--block-step", String.valueOf(BLOCKED_STEP)));
            List<String> nodeB = new ArrayList<>(Stored.nodeArgs(database));
            nodeB.addAll(List.of("--expect", String.valueOf(WORKFLOWS)));

            try (NodeProcess a = NodeProcess.launch(dir, "node-a", nodeA)) {
                await("node A inside step 3 of every instance").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> a.printed("BLOCKED ") >= WORKFLOWS || !a.isAlive());
                assertThat(a.isAlive()).as(a.tail()).isTrue();
                a.suspend();
                long suspendedAt = System.nanoTime();

                Map<String, WorkflowInstance> successors;
                try (NodeProcess b = NodeProcess.launch(dir, "node-b", nodeB)) {
                    assertThat(b.awaitExit(Duration.ofSeconds(60))).as("exit code: %s", b.tail()).isZero();
                    successors = Stored.instances(store);
                }
                Duration frozen = Duration.ofNanos(System.nanoTime() - suspendedAt);
                assertThat(successors).hasSize(WORKFLOWS);
                assertThat(Stored.notIn(successors, WorkflowStatus.COMPLETED)).as("not completed by B").isEmpty();
                for (WorkflowInstance i : successors.values()) {
                    assertThat(trail(i)).as("who ran which step of %s", i.id).isEqualTo(Map.of(
                            "1", "node-a", "2", "node-a", "3", "node-b", "4", "node-b", "5", "node-b"));
                }

                a.resume();
                a.release(); // A's step 3 executions finish now and A tries to commit them
                await("node A's step 3 executions finished").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> Effects.read(List.of(a.effects())).byNode().getOrDefault("node-a", 0L)
                                == (long) WORKFLOWS * BLOCKED_STEP);
                await("node A told that its commits were refused").atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> successors.keySet().stream()
                                .allMatch(id -> a.printed("lost the lease of instance " + id) > 0));
                assertThat(a.isAlive()).as(a.tail()).isTrue();

                Map<String, WorkflowInstance> after = Stored.instances(store);
                for (WorkflowInstance i : after.values()) {
                    WorkflowInstance b = successors.get(i.id);
                    assertThat(i.status).as(i.id).isEqualTo(WorkflowStatus.COMPLETED);
                    assertThat(i.revision).as("revision of %s", i.id).isEqualTo(b.revision);
                    assertThat(i.stepsExecuted).as("steps of %s", i.id).isEqualTo(b.stepsExecuted);
                    assertThat(trail(i)).as("data of %s", i.id).isEqualTo(trail(b));
                }
                Effects effects = Effects.read(List.of(a.effects(), dir.resolve("node-b.effects")));
                System.out.printf("frozen holder test: node A suspended %d ms (lease 2000 ms) inside step %d of %d"
                                + " instances; node B completed them; A's %d late commits refused; effects per node"
                                + " %s%n",
                        frozen.toMillis(), BLOCKED_STEP, WORKFLOWS, a.printed("lost the lease of instance"),
                        effects.byNode());
            }
        }
    }

    /**
     * The successor runs under A's own node id (a replacement started with the same name while the original hangs, as
     * an orchestrator does) and still holds the instances when A wakes: the owner matches, so only the lease epoch
     * can refuse A's commits.
     */
    @Test
    void a_suspended_holder_cannot_commit_over_a_successor_that_has_its_node_id(@TempDir(cleanup =
            CleanupMode.ON_SUCCESS) Path dir) {
        DatabaseOptions database = TestDatabases.postgres();
        try (WorkflowStore store = WorkflowStores.open(database.withMaxPoolSize(2))) {
            List<String> original = new ArrayList<>(Stored.nodeArgs(database));
            original.addAll(List.of("--start", String.valueOf(WORKFLOWS),
                    "--block-step", String.valueOf(BLOCKED_STEP)));
            List<String> replacement = new ArrayList<>(Stored.nodeArgs(database));
            replacement.addAll(List.of("--expect", String.valueOf(WORKFLOWS),
                    "--block-step", String.valueOf(BLOCKED_STEP + 1)));

            try (NodeProcess a = NodeProcess.launch(dir, "original", "node-x", original)) {
                await("the original inside step 3 of every instance").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> a.printed("BLOCKED ") >= WORKFLOWS || !a.isAlive());
                assertThat(a.isAlive()).as(a.tail()).isTrue();
                a.suspend();

                try (NodeProcess b = NodeProcess.launch(dir, "replacement", "node-x", replacement)) {
                    await("the replacement inside step 4 of every instance").atMost(Duration.ofSeconds(60))
                            .pollInterval(Duration.ofMillis(20))
                            .until(() -> b.printed("BLOCKED ") >= WORKFLOWS || !b.isAlive());
                    assertThat(b.isAlive()).as(b.tail()).isTrue();
                    Map<String, WorkflowInstance> held = Stored.instances(store);
                    assertThat(held.values()).allSatisfy(i -> {
                        assertThat(i.leaseOwner).isEqualTo("node-x");
                        assertThat(i.stepsExecuted).as("steps committed by the replacement").isEqualTo(3);
                    });

                    a.resume();
                    a.release();
                    // Until each late commit was either refused (the original says so) or got through (the stored
                    // instance changed): the assertions below then tell which.
                    await("the original's commits decided").atMost(Duration.ofSeconds(30))
                            .pollInterval(Duration.ofMillis(50))
                            .until(() -> Stored.instances(store).values().stream().allMatch(i ->
                                    a.printed("lost the lease of instance " + i.id) > 0
                                            || i.revision != held.get(i.id).revision));
                    for (WorkflowInstance i : Stored.instances(store).values()) {
                        WorkflowInstance before = held.get(i.id);
                        assertThat(i.revision).as("revision of %s", i.id).isEqualTo(before.revision);
                        assertThat(i.leaseEpoch).as("lease epoch of %s", i.id).isEqualTo(before.leaseEpoch);
                        assertThat(i.stepsExecuted).as("steps of %s", i.id).isEqualTo(3);
                        assertThat(a.printed("lost the lease of instance " + i.id)).as("refusal of %s", i.id)
                                .isPositive();
                    }
                    assertThat(Effects.read(List.of(a.effects())).total())
                            .as("the original ran steps 1-3 and no further").isEqualTo((long) WORKFLOWS * BLOCKED_STEP);

                    b.release();
                    assertThat(b.awaitExit(Duration.ofSeconds(60))).as("exit code: %s", b.tail()).isZero();
                }
                Map<String, WorkflowInstance> after = Stored.instances(store);
                assertThat(Stored.notIn(after, WorkflowStatus.COMPLETED)).as("not completed").isEmpty();
                assertThat(after.values()).allSatisfy(i -> assertThat(i.stepsExecuted).isEqualTo(FiveSteps.STEPS));
                System.out.printf("frozen holder test, successor with the same node id: the original's %d late commits"
                        + " refused by the lease epoch alone; the replacement completed all %d%n",
                        a.printed("lost the lease of instance"), WORKFLOWS);
            }
        }
    }

    private static Map<String, String> trail(WorkflowInstance instance) {
        return instance.data.as(FiveSteps.Trail.class).ranBy;
    }
}
