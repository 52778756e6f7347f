package io.reactory.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reactory serve} runs the LifecycleManager on the example configuration: {@code data-processing} lists
 * {@code data-validation} as a dependency, so it waits for the validation of the same reference.
 */
class ServeLifecycleIT {

    @Test
    void data_processing_waits_for_data_validation_of_the_same_reference(@TempDir Path data) {
        Path config = Path.of("..", "examples", "config").toAbsolutePath().normalize();
        ServerSettings settings = ServerSettings.resolve(new ServerSettings.Flags(config, 0, "127.0.0.1", data, null,
                null, null), Map.of());
        try (ServeCommand.Running running = ServeCommand.start(settings, true, new PrintWriter(new StringWriter()))) {
            Map<String, Object> records = Map.of("records", List.of(Map.of("id", "r-1")));
            String processing = running.runner().startWorkflow("data-processing", null, records,
                    StartOptions.DEFAULT.withReference("2026-11-25"));
            String otherDay = running.runner().startWorkflow("data-validation", null, records,
                    StartOptions.DEFAULT.withReference("2026-11-24"));
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    running.runner().getWorkflowStatus(otherDay) == WorkflowStatus.COMPLETED);
            assertThat(running.runner().getWorkflowStatus(processing)).isEqualTo(WorkflowStatus.PENDING);
            assertThat(running.lifecycle().getLifecycleStats().waitingByWorkflow()).containsEntry("data-processing", 1L);

            running.runner().startWorkflow("data-validation", null, records, StartOptions.DEFAULT.withReference("2026-11-25"));

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    running.runner().getWorkflowStatus(processing) == WorkflowStatus.COMPLETED);
            assertThat(running.lifecycle().getLifecycleStats().concurrencyLimits()).containsEntry("data-processing", 5);
        }
    }
}
