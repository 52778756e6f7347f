package io.reactory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.health.Health;
import io.reactory.workflow.health.SystemHealth;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's observability example on the example configuration: metrics, configured monitoring and health. */
class ObservabilityExampleIT {

    @Test
    void the_example_wiring_counts_a_configured_workflow_and_reports_health() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            ConfigurationManager config = ConfiguredRunner.start(env.runner(), Path.of("config"), null);
            WorkflowScheduler scheduler = WorkflowScheduler.builder(env.runner()).build();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            List<String> pages = new ArrayList<>();
            SystemHealth health = Observability.observe(registry, env.runner(), config, scheduler, pages::add);

            String id = env.runner().startWorkflow("data-processing", null, Map.of("records", List.of(Map.of("id", 1))));
            env.runToCompletion(id);

            assertThat(registry.get("reactory.workflow.completed").tag("workflow", "data-processing").counter().count())
                    .isEqualTo(1);
            // data-processing.yml asks for execution_time and error_rate only: no step series for it
            assertThat(registry.get("reactory.workflow.execution").tag("workflow", "data-processing").timer().count())
                    .isEqualTo(1);
            assertThat(registry.find("reactory.step.duration").tag("workflow", "data-processing").timers()).isEmpty();
            assertThat(registry.get("reactory.config.reloads").tag("result", "applied").functionCounter().count())
                    .isEqualTo(1);
            assertThat(health.check().status()).isEqualTo(Health.Status.UP);
            assertThat(health.check().components()).containsKeys("engine", "store", "scheduler", "configuration",
                    "circuitBreakers");
            assertThat(pages).isEmpty();
            scheduler.close();
            config.close();
        }
    }
}
