package io.reactory.workflow.persistence.jdbc.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * The crash test, for each durable store: a child JVM runs 2,000 workflows of 5 steps, is killed with SIGKILL
 * mid-run and restarted. Every instance completes, every step's effect is recorded at least once, and steps run
 * twice only where they were in flight at the kill (effect recorded, result not committed).
 */
abstract class CrashScenario {
    private static final int WORKFLOWS = 2_000;
    private static final String NODE = "crash-node";

    /** A new, empty database of the store under test. */
    abstract DatabaseOptions database();

    @Test
    void killed_mid_run_and_restarted_it_completes_every_instance_and_repeats_only_steps_in_flight(
            @TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir) {
        DatabaseOptions database = database();
        // Opened first, so the schema exists before the node starts; the test reads the store through it.
        try (WorkflowStore store = WorkflowStores.open(database.withMaxPoolSize(2))) {
            List<String> args = new ArrayList<>(Stored.nodeArgs(database));
            args.addAll(List.of("--expect", String.valueOf(WORKFLOWS)));

            List<String> first = new ArrayList<>(args);
            first.addAll(List.of("--start", String.valueOf(WORKFLOWS)));
            Path effects;
            try (NodeProcess node = NodeProcess.launch(dir, NODE, first)) {
                effects = node.effects();
                await("2,000 step executions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                        .until(() -> Effects.lines(node.effects()) >= WORKFLOWS || !node.isAlive());
                assertThat(node.isAlive()).as("still running when killed: %s", node.tail()).isTrue();
                node.kill();
            }

            Effects atKill = Effects.read(List.of(effects));
            Map<String, WorkflowInstance> stored = Stored.instances(store);
            assertThat(stored).as("instances stored by the killed node").hasSize(WORKFLOWS);
            long completedAtKill = stored.values().stream().filter(i -> i.status == WorkflowStatus.COMPLETED).count();
            assertThat(completedAtKill).as("killed mid-run").isLessThan(WORKFLOWS);
            long inFlight = Stored.uncommitted(atKill, stored, stored.keySet());

            try (NodeProcess node = NodeProcess.launch(dir, NODE, args)) {
                assertThat(node.awaitExit(Duration.ofSeconds(90))).as("exit code: %s", node.tail()).isZero();
            }

            Effects after = Effects.read(List.of(effects));
            Map<String, WorkflowInstance> finished = Stored.instances(store);
            assertThat(finished).hasSize(WORKFLOWS);
            assertThat(Stored.notIn(finished, WorkflowStatus.COMPLETED)).as("instances not COMPLETED").isEmpty();
            Stored.assertEveryStepRan(after, finished.keySet());
            assertThat(after.instances()).as("effects of unknown instances").isSubsetOf(finished.keySet());
            System.out.printf("%s crash test: %d effect lines at the SIGKILL, %d instances COMPLETED, %d steps in"
                            + " flight at the kill, %d repeated step executions after the restart (%d lines in all)%n",
                    store.kind(), atKill.total(), completedAtKill, inFlight, after.repeated(), after.total());
            assertThat(after.repeated())
                    .as("repeated step executions vs. steps in flight at the kill; files in %s; e.g. %s", dir,
                            after.repeatedSample(10))
                    .isLessThanOrEqualTo(inFlight);
        }
    }
}
