package io.reactory.workflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.ValidationResult;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow YAML's {@code dependencies}, {@code concurrency} and {@code limits} take effect, reloads included. */
class LifecycleFromYamlIT {
    @TempDir
    Path dir;
    private TestWorkflowEnvironment env;
    private ConfigurationManager config;
    private LocalLifecycleManager lifecycle;

    @BeforeEach
    void engine() {
        env = TestWorkflowEnvironment.create();
        for (String id : List.of("data-processing", "data-validation", "audit")) {
            env.runner().registerWorkflow(WorkflowDefinition.define(id, "1", Map.class, b -> b
                    .waitFor("go", data -> String.valueOf(data.get("name")))
                    .then("work", ctx -> ExecutionResult.next())));
        }
        env.runner().registerWorkflow(WorkflowDefinition.define("loop", "1", Map.class, b -> b
                .repeatWhile(data -> true).then(body -> body.startWith("tick", ctx -> ExecutionResult.next()))));
    }

    @AfterEach
    void close() {
        lifecycle.close();
        config.close();
        env.close();
    }

    private void write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private void start() {
        config = ConfigurationManager.builder(dir).runner(env.runner()).build();
        lifecycle = WorkflowLifecycleManager.builder(env.runner()).configuration(config).buildLocal();
        config.start();
    }

    private String run(String workflowId, String name, String reference) {
        return env.runner().startWorkflow(workflowId, null, Map.of("name", name), StartOptions.DEFAULT.withReference(reference));
    }

    private void go(String name) {
        env.runner().publishEvent("go", name, Map.of());
        settle();
    }

    private void settle() {
        env.runUntilIdle();
        lifecycle.runDue();
        env.runUntilIdle();
    }

    @Test
    void the_specifications_configuration_makes_data_processing_wait_for_data_validation_of_the_same_reference()
            throws IOException {
        write("workflows/data-processing.yml", """
                id: "data-processing"
                concurrency: 5
                dependencies:
                  - "data-validation"
                  - { workflowId: "audit", condition: "finished", correlate: "any" }
                """);
        start();
        String processing = run("data-processing", "p", "2026-11-25");
        run("data-validation", "v-other", "2026-11-24");
        run("data-validation", "v", "2026-11-25");
        run("audit", "a", "whatever");
        settle();

        go("v-other");
        go("a");
        assertThat(env.runner().getWorkflowStatus(processing)).isEqualTo(WorkflowStatus.PENDING);
        go("v");

        assertThat(env.runner().getWorkflowStatus(processing)).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(lifecycle.getDependencies(processing)).extracting(DependencyStatus::target)
                .containsExactly("data-validation [reference 2026-11-25]", "audit [any reference]");
    }

    @Test
    void concurrency_follows_the_configuration_and_a_raised_limit_starts_queued_instances() throws IOException {
        write("workflows/data-processing.yml", "id: data-processing\nconcurrency: 1\n");
        start();
        String first = run("data-processing", "1", null);
        String second = run("data-processing", "2", null);
        String third = run("data-processing", "3", null);
        settle();
        assertThat(List.of(env.runner().getWorkflowStatus(second), env.runner().getWorkflowStatus(third)))
                .containsOnly(WorkflowStatus.PENDING);

        write("workflows/data-processing.yml", "id: data-processing\nconcurrency: 3\n");
        config.reload();
        settle();

        assertThat(List.of(first, second, third)).extracting(env.runner()::getWorkflowStatus)
                .containsOnly(WorkflowStatus.RUNNING);
        assertThat(lifecycle.getLifecycleStats().concurrencyLimits()).isEqualTo(Map.of("data-processing", 3));
    }

    @Test
    void limits_in_the_configuration_fail_an_instance_that_exceeds_them() throws IOException {
        write("workflows/loop.yml", "id: loop\nlimits:\n  maxSteps: 7\n");
        start();

        String id = env.runner().startWorkflow("loop", null);
        settle();

        assertThat(env.runner().getInstance(id).failureReason()).isEqualTo("RESOURCE_LIMIT");
        assertThat(lifecycle.checkResourceUsage(id).stepsExecuted()).isEqualTo(7);
    }

    @Test
    void an_instance_stopped_by_a_limit_goes_on_when_retried_after_the_limit_was_raised() throws IOException {
        write("workflows/loop.yml", "id: loop\nlimits:\n  maxSteps: 7\n");
        start();
        String id = env.runner().startWorkflow("loop", null);
        settle();
        assertThat(env.runner().getInstance(id).failureReason()).isEqualTo("RESOURCE_LIMIT");

        write("workflows/loop.yml", "id: loop\nlimits:\n  maxSteps: 12\n");
        config.reload();
        env.runner().retryWorkflow(id);
        settle();

        assertThat(env.runner().getInstance(id).status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(lifecycle.checkResourceUsage(id).stepsExecuted()).as("five more steps, up to the new limit").isEqualTo(12);
    }

    @Test
    void a_lowered_limit_is_enforced_on_instances_waiting_since_before() throws IOException {
        write("workflows/data-processing.yml", "id: data-processing\n");
        start();
        String waiting = run("data-processing", "w", null);
        settle();
        assertThat(env.runner().getWorkflowStatus(waiting)).isEqualTo(WorkflowStatus.RUNNING);

        write("workflows/data-processing.yml", "id: data-processing\nlimits: { maxDataSize: 5 }\n");
        config.reload();
        assertThat(lifecycle.enforceResourceLimits()).isEqualTo(1);
        settle();

        assertThat(env.runner().getInstance(waiting).failureReason()).isEqualTo("RESOURCE_LIMIT");
    }

    @Test
    void bad_limits_are_refused_naming_file_line_and_field() throws IOException {
        write("workflows/loop.yml", "id: loop\nlimits:\n  maxSteps: 0\n  maxSize: 10\n");
        config = ConfigurationManager.builder(dir).runner(env.runner()).build();
        lifecycle = WorkflowLifecycleManager.builder(env.runner()).configuration(config).buildLocal();

        ValidationResult result = config.validate();

        assertThat(result.problems()).extracting(Object::toString).anySatisfy(p -> assertThat(p)
                .contains("workflows/loop.yml:3", "limits.maxSteps"));
        assertThat(result.problems()).extracting(Object::toString).anySatisfy(p -> assertThat(p)
                .contains("workflows/loop.yml:4", "maxSize", "unknown field"));
    }
}
