package io.reactory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.ConfigurationSet;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.config.StepTypeRegistry;
import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The specification's two YAML examples load unchanged and the example configuration tree validates. */
class ExampleConfigIT {
    private static final Path CONFIG = Path.of("config");

    private static ConfigurationManager manager(String environment) {
        return ConfigurationManager.builder(CONFIG).environment(environment)
                .stepTypes(StepTypeRegistry.fromServiceLoader(ExampleConfigIT.class.getClassLoader())).build();
    }

    @Test
    void the_specifications_workflow_and_schedule_examples_load_field_for_field() {
        ConfigurationSet set = manager(null).loadEnvironment(null);
        WorkflowConfig dp = set.workflows().get("data-processing");
        assertThat(dp).isEqualTo(new WorkflowConfig("data-processing", "etl", "Data Processing Pipeline", "1.0", true, 3,
                300_000L, "normal", 5, List.of(WorkflowConfig.Dependency.of("data-validation")),
                Map.of("batchSize", 1000L, "outputFormat", "json"),
                new WorkflowConfig.Security(List.of("data:read", "data:write"), true, List.of("data-engineer", "admin")),
                new WorkflowConfig.Monitoring(true, List.of("execution_time", "error_rate"),
                        List.of("execution_timeout", "high_error_rate"), null)));
        assertThat(dp.timeout()).isEqualTo(Duration.ofMinutes(5));
        ScheduleConfig daily = set.schedules().get("daily-reports");
        assertThat(daily).isEqualTo(new ScheduleConfig("daily-reports", "Daily Report Generation",
                "Generate daily reports for all clients", new ScheduleConfig.WorkflowRef("generate-reports", "1.0", "reporting"),
                new ScheduleConfig.Timing("0 6 * * *", "UTC", true, null, null, null, null, null),
                Map.of("reportTypes", List.of("sales", "inventory", "analytics"), "outputPath", "/reports/daily"),
                new ScheduleConfig.Retry(3, 300L), 1800L, 1));
        assertThat(set.definitions()).extracting(d -> d.id()).containsExactlyInAnyOrder("data-processing",
                "data-validation", "generate-reports");
    }

    @Test
    void every_environment_validates() {
        assertThat(manager(null).validate().problems()).isEmpty();
        assertThat(manager(null).environments()).containsExactly("dev", "prod");
        assertThat(manager("dev").validate().problems()).isEmpty();
        assertThat(manager("prod").validate().problems()).isEmpty();
        assertThat(manager("prod").loadEnvironment("prod").schedules().get("daily-reports").schedule().timezone())
                .isEqualTo("Europe/London");
        assertThat(manager("dev").getEnvironmentConfig("dev")).filteredOn(c -> c.id().equals("data-processing"))
                .singleElement().satisfies(c -> assertThat(c.concurrency()).isEqualTo(1));
    }

    @Test
    void the_example_yaml_workflow_runs_with_its_configured_properties() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            WorkflowRunner runner = env.runner();
            ConfigurationManager.builder(CONFIG).runner(runner)
                    .stepTypes(StepTypeRegistry.fromServiceLoader(getClass().getClassLoader())).build().start();
            String id = runner.startWorkflow("data-processing", null,
                    Map.of("records", List.of(Map.of("id", 1), Map.of("name", "no id"))));
            env.runToCompletion(id);
            assertThat(runner.getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
            Map<?, ?> data = io.reactory.workflow.internal.Json.convert(runner.getInstance(id).data(), Map.class);
            assertThat(((Number) data.get("processed")).longValue()).isEqualTo(1000L);
            assertThat(data.get("validation")).isEqualTo(Map.of("valid", 1L, "invalid", 1L));
        }
    }
}
