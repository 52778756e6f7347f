package io.reactory.workflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.definition.WorkflowDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Edits on disk take effect without a restart; an invalid edit keeps the last good configuration. */
class HotReloadIT {
    private static final Duration PICKUP = Duration.ofSeconds(5);

    @TempDir
    Path dir;

    @Test
    void concurrency_edits_apply_invalid_yaml_is_refused_and_reported_and_a_fix_applies() {
        ConfigFixture.write(dir, "workflows/data-processing.yml", "id: data-processing\nconcurrency: 5\n");
        List<ValidationResult> rejected = new CopyOnWriteArrayList<>();
        try (WorkflowRunner runner = WorkflowRunner.builder().build()) {
            runner.registerWorkflow(WorkflowDefinition.define("data-processing", "1", Map.class,
                    b -> b.startWith("process", ctx -> ExecutionResult.next())));
            try (ConfigurationManager manager = ConfigurationManager.builder(dir).runner(runner)
                    .listener(new ConfigurationListener() {
                        @Override
                        public void rejected(ValidationResult problems) {
                            rejected.add(problems);
                        }
                    }).build()) {
                manager.start();
                manager.enableHotReload();
                assertThat(manager.workflowConfig("data-processing").orElseThrow().concurrency()).isEqualTo(5);

                long edited = System.nanoTime();
                ConfigFixture.write(dir, "workflows/data-processing.yml", "id: data-processing\nconcurrency: 7\n");
                await().atMost(PICKUP).until(() -> manager.workflowConfig("data-processing").orElseThrow().concurrency() == 7);
                System.out.printf("hot reload picked up the edit after %d ms%n", (System.nanoTime() - edited) / 1_000_000);

                ConfigFixture.write(dir, "workflows/data-processing.yml", "id: data-processing\nconcurrency: [7\n");
                await().atMost(PICKUP).until(() -> manager.status().isStale());
                assertThat(manager.workflowConfig("data-processing").orElseThrow().concurrency()).isEqualTo(7);
                ReloadStatus.Outcome refused = manager.status().last();
                assertThat(refused.result()).isEqualTo(ReloadStatus.Result.REJECTED);
                assertThat(refused.trigger()).isEqualTo("file-change");
                assertThat(refused.problems()).extracting(ConfigProblem::format)
                        .anyMatch(p -> p.startsWith("workflows/data-processing.yml:2:14 invalid YAML"));
                assertThat(rejected).isNotEmpty();
                long generation = manager.current().generation();

                ConfigFixture.write(dir, "workflows/data-processing.yml", "id: data-processing\nconcurrency: 9\n");
                await().atMost(PICKUP).until(() -> manager.workflowConfig("data-processing").orElseThrow().concurrency() == 9);
                assertThat(manager.current().generation()).isGreaterThan(generation);
                assertThat(manager.status().isStale()).isFalse();
                assertThat(manager.status().rejected()).isGreaterThanOrEqualTo(1);
                assertThat(manager.status().hotReload()).isTrue();
            }
        }
    }

    @Test
    void a_new_environment_folder_is_watched_too() {
        ConfigFixture.write(dir, "workflows/data-processing.yml", "id: data-processing\nconcurrency: 5\n");
        try (ConfigurationManager manager = ConfigurationManager.builder(dir).environment("prod").build()) {
            manager.start();
            manager.enableHotReload();
            ConfigFixture.write(dir, "environments/prod/workflows/data-processing.yml", "concurrency: 20\n");
            await().atMost(PICKUP).until(() -> manager.workflowConfig("data-processing").orElseThrow().concurrency() == 20);
            manager.disableHotReload();
            assertThat(manager.isHotReloadEnabled()).isFalse();
        }
    }
}
