package io.reactory.workflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.resilience.WorkflowTimeoutException;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The workflow YAML's {@code maxRetries} and {@code timeout} drive the ErrorHandler of running instances. */
class ErrorHandlingFromYamlIT {
    @TempDir
    Path dir;

    @Test
    void the_yaml_timeout_fails_a_running_instance_with_reason_timeout_on_the_engine_clock() {
        ConfigFixture.write(dir, "workflows/data-processing.yml", "id: data-processing\ntimeout: 300000  # 5 minutes\n");
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            env.runner().registerWorkflow(WorkflowDefinition.define("data-processing", "1", Map.class, b -> b
                    .startWith("extract", ctx -> ExecutionResult.next())
                    .delay(Duration.ofMinutes(10))
                    .then("load", ctx -> ExecutionResult.next())));
            ConfigurationManager.builder(dir).runner(env.runner()).build().start();
            Instant t0 = env.clock().instant();

            String id = env.runner().startWorkflow("data-processing", null, Map.of());
            InstanceInfo done = env.runToCompletion(id);

            assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
            assertThat(done.failureReason()).isEqualTo("TIMEOUT");
            assertThat(done.completedAt()).isEqualTo(t0.plus(Duration.ofMinutes(5)));
            assertThat(env.runner().errorHandler().errors(id)).singleElement()
                    .extracting(ErrorRecord::errorType).isEqualTo(WorkflowTimeoutException.class.getName());
        }
    }

    @Test
    void the_yaml_max_retries_sets_how_often_a_failing_step_is_retried() {
        ConfigFixture.write(dir, "workflows/flaky-import.yml", "id: flaky-import\nmaxRetries: 1\n");
        AtomicInteger calls = new AtomicInteger();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            env.runner().registerWorkflow(WorkflowDefinition.define("flaky-import", "1", Map.class, b -> b
                    .startWith("import", ctx -> {
                        calls.incrementAndGet();
                        throw new IllegalStateException("source unavailable");
                    })));
            ConfigurationManager.builder(dir).runner(env.runner()).build().start();

            InstanceInfo done = env.runToCompletion(env.runner().startWorkflow("flaky-import", null, Map.of()));

            assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
            assertThat(calls).as("one attempt and one retry").hasValue(2);
            assertThat(env.runner().errorHandler().errors(done.instanceId())).extracting(ErrorRecord::action)
                    .containsExactly(ErrorRecord.Action.RETRY, ErrorRecord.Action.FAIL);
        }
    }
}
