package io.reactory.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.WorkflowStatus;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration may configure a workflow written in Java ({@code workflows/simple-workflow.yml} for the example
 * {@code simple-workflow}): the examples are registered before the configuration is validated against them.
 */
class ServeJavaWorkflowConfigIT {

    @Test
    void a_yaml_configuration_of_a_java_example_workflow_is_accepted_and_applied(@TempDir Path config) throws Exception {
        Files.createDirectories(config.resolve("workflows"));
        Files.writeString(config.resolve("workflows/simple-workflow.yml"), """
                id: "simple-workflow"
                version: "1.0"
                enabled: false
                """);
        ServerSettings settings = ServerSettings.resolve(new ServerSettings.Flags(config, 0, "127.0.0.1", null, null,
                null, null), Map.of());
        StringWriter out = new StringWriter();
        try (ServeCommand.Running running = ServeCommand.start(settings, true, new PrintWriter(out))) {
            assertThat(out.toString()).contains("1 workflow configurations");
            // the configuration is in force: the Java workflow is disabled by it
            org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                    running.runner().startWorkflow("simple-workflow", null, Map.of()))
                    .hasMessageContaining("disabled");
            String other = running.runner().startWorkflow("loop-workflow", null, Map.of());
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    running.runner().getWorkflowStatus(other) == WorkflowStatus.COMPLETED);
        }
    }
}
