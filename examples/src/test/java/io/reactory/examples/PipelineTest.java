package io.reactory.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.internal.Json;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PipelineTest {
    @Test
    void process_results_runs_once_extraction_and_validation_of_its_date_completed() {
        try (WorkflowRunner runner = WorkflowRunner.builder().build()) {
            Pipeline.definitions().forEach(runner::registerWorkflow);
            runner.initialize();
            Pipeline.Started started = Pipeline.start(runner, "2026-11-25");
            try (var lifecycle = started.lifecycle()) {
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        runner.getWorkflowStatus(started.results()) == WorkflowStatus.COMPLETED);
                assertThat(runner.getWorkflowStats().instancesByStatus()).containsEntry(WorkflowStatus.COMPLETED, 3L);
                assertThat(Json.convert(runner.getInstance(started.results()).data(), Pipeline.Batch.class).done)
                        .containsExactly("process-results 2026-11-25");
                assertThat(lifecycle.getLifecycleStats().waitingOnDependencies()).isZero();
            }
        }
    }
}
