package io.reactory.workflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowDisabledException;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration values take effect on a runner. */
class EngineBindingIT {
    @TempDir
    Path dir;

    private static WorkflowDefinition dataProcessing() {
        return WorkflowDefinition.define("data-processing", "1", Map.class, b -> b
                .startWith("process", ctx -> ExecutionResult.next()));
    }

    @Test
    void enabled_false_refuses_new_starts_with_a_clear_error() {
        ConfigFixture.write(dir, "workflows/dp.yml", "id: data-processing\nenabled: false\n");
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            env.runner().registerWorkflow(dataProcessing());
            ConfigurationManager.builder(dir).runner(env.runner()).build().start();
            assertThatThrownBy(() -> env.runner().startWorkflow("data-processing", null, Map.of()))
                    .isInstanceOf(WorkflowDisabledException.class)
                    .hasMessageContaining("'data-processing' is disabled by its configuration");
        }
    }

    @Test
    void properties_are_default_input_data_and_priority_a_default_priority() {
        ConfigFixture.write(dir, "workflows/dp.yml", """
                id: data-processing
                priority: high
                properties:
                  batchSize: 1000
                  output: { format: json, compress: true }
                """);
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            env.runner().registerWorkflow(dataProcessing());
            ConfigurationManager.builder(dir).runner(env.runner()).build().start();
            String id = env.runner().startWorkflow("data-processing", null, Map.of("output", Map.of("format", "csv")));
            Map<?, ?> data = Json.convert(env.runner().getInstance(id).data(), Map.class);
            assertThat(((Number) data.get("batchSize")).longValue()).isEqualTo(1000L);
            assertThat(data.get("output")).isEqualTo(Map.of("format", "csv", "compress", true));
            assertThat(env.runner().getInstance(id).priority()).isEqualTo(Priority.HIGH);
            String low = env.runner().startWorkflow("data-processing", null, null, StartOptions.DEFAULT.withPriority(Priority.LOW));
            assertThat(env.runner().getInstance(low).priority()).isEqualTo(Priority.LOW);
        }
    }

    @Test
    void max_retries_and_timeout_become_the_registered_definitions_options() {
        ConfigFixture.write(dir, "workflows/dp.yml", "id: data-processing\nmaxRetries: 4\ntimeout: 300000\n");
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            env.runner().registerWorkflow(dataProcessing());
            ConfigurationManager manager = ConfigurationManager.builder(dir).runner(env.runner()).build();
            manager.start();
            WorkflowDefinition registered = env.runner().definitions().iterator().next();
            assertThat(registered.options().defaultRetry().maximumAttempts()).isEqualTo(5);
            assertThat(registered.options().timeout()).isEqualTo(Duration.ofMinutes(5));

            ConfigFixture.write(dir, "workflows/dp.yml", "id: data-processing\n");
            assertThat(manager.reload().result()).isEqualTo(ReloadStatus.Result.APPLIED);
            WorkflowDefinition restored = env.runner().definitions().iterator().next();
            assertThat(restored.options().defaultRetry().maximumAttempts()).isEqualTo(3);
            assertThat(restored.options().timeout()).isNull();
        }
    }

    @Test
    void a_configured_workflow_that_is_not_registered_is_refused_at_start() {
        ConfigFixture.write(dir, "workflows/dp.yml", "id: data-procesing\n");
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            env.runner().registerWorkflow(dataProcessing());
            ConfigurationManager manager = ConfigurationManager.builder(dir).runner(env.runner()).build();
            assertThatThrownBy(manager::start).isInstanceOf(ConfigurationException.class)
                    .hasMessageContaining("workflows/dp.yml:1:5 id: no workflow 'data-procesing' is registered or defined;"
                            + " did you mean 'data-processing'?");
        }
    }

    @Test
    void a_declarative_workflow_is_registered_and_runs_with_its_mappings() {
        TestStepTypes.SENT.clear();
        ConfigFixture.write(dir, "definitions/notify.yml", """
                id: notify
                version: "1"
                steps:
                  - foreach: data.customers
                    do:
                      - step: send-mail
                        input:
                          to: item.email
                          subject: "'Hello ' + item.name"
                        output:
                          last.messageId: result.messageId
                  - if: data.customers.size() > 1
                    do:
                      - step: archive
                """);
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            ConfigurationManager.builder(dir).runner(env.runner()).stepTypes(TestStepTypes.registry()).build().start();
            String id = env.runner().startWorkflow("notify", null, Map.of("customers",
                    java.util.List.of(Map.of("email", "a@x", "name", "Ann"), Map.of("email", "b@x", "name", "Bob"))));
            env.runToCompletion(id);
            assertThat(env.runner().getInstance(id).steps()).as("steps").allMatch(s -> s.errorMessage() == null);
            assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
            assertThat(TestStepTypes.SENT).containsExactly("a@x:Hello Ann", "b@x:Hello Bob");
            Map<?, ?> data = Json.convert(env.runner().getInstance(id).data(), Map.class);
            assertThat(data.get("last")).isEqualTo(Map.of("messageId", "m-b@x"));
            assertThat(env.runner().getInstance(id).steps()).extracting(s -> s.stepName()).contains("archive");
        }
    }

    @Test
    void changing_the_steps_of_a_registered_declarative_version_is_refused() {
        ConfigFixture.write(dir, "definitions/notify.yml", "id: notify\nversion: \"1\"\nsteps:\n  - step: archive\n");
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            ConfigurationManager manager = ConfigurationManager.builder(dir).runner(env.runner())
                    .stepTypes(TestStepTypes.registry()).build();
            manager.start();
            ConfigFixture.write(dir, "definitions/notify.yml",
                    "id: notify\nversion: \"1\"\nsteps:\n  - step: archive\n  - step: send-mail\n");
            ReloadStatus.Outcome outcome = manager.reload();
            assertThat(outcome.result()).isEqualTo(ReloadStatus.Result.REJECTED);
            assertThat(outcome.problems().get(0).format()).contains("give the changed workflow a new version");
            ConfigFixture.write(dir, "definitions/notify.yml",
                    "id: notify\nversion: \"2\"\nsteps:\n  - step: archive\n  - step: send-mail\n");
            assertThat(manager.reload().result()).isEqualTo(ReloadStatus.Result.APPLIED);
            assertThat(env.runner().definitions()).extracting(d -> d.version().text()).contains("1", "2");
        }
    }
}
