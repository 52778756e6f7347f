package io.reactory.workflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.lifecycle.LifecycleOptions;
import io.reactory.workflow.lifecycle.LifecycleStats;
import io.reactory.workflow.lifecycle.WorkflowLifecycleManager;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LifecycleMetricsBindingTest {

    @Test
    void queue_depth_and_dependency_waits_agree_with_the_lifecycle_stats() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        WorkflowMetrics metrics = WorkflowMetrics.create(registry);
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create();
             WorkflowLifecycleManager lifecycle = WorkflowLifecycleManager.builder(env.runner())
                     .options(LifecycleOptions.builder().concurrency("job", 1).sweepInterval(Duration.ofHours(1)).build())
                     .build()) {
            env.runner().registerWorkflow(WorkflowDefinition.define("job", "1", Map.class, b -> b
                    .startWith("work", ctx -> ExecutionResult.next())
                    .delay(Duration.ofMinutes(10))));
            LifecycleMetricsBinding binding = LifecycleMetricsBinding.bind(metrics, lifecycle, Duration.ofHours(1));
            for (int i = 0; i < 3; i++) {
                env.runner().startWorkflow("job", null);
            }
            env.runUntilIdle();

            binding.refresh();
            LifecycleStats stats = lifecycle.getLifecycleStats();
            assertThat(stats.queuedByWorkflow()).containsEntry("job", 2L);
            assertThat(registry.get("reactory.lifecycle.queued").tag("workflow", "job").gauge().value()).isEqualTo(2.0);

            env.advance(Duration.ofMinutes(10)); // the first finishes, the second gets the slot
            binding.refresh();
            assertThat(lifecycle.getLifecycleStats().queuedByWorkflow().getOrDefault("job", 0L)).isEqualTo(1L);
            assertThat(registry.get("reactory.lifecycle.queued").tag("workflow", "job").gauge().value()).isEqualTo(1.0);
            binding.close();
        }
    }
}
