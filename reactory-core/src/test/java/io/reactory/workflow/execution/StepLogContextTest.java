package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.MdcKeys;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.resilience.RetryOptions;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** While a step runs its thread's MDC names the instance, workflow, step and attempt; afterwards it is as before. */
class StepLogContextTest {

    @Test
    void a_step_sees_its_instance_step_and_attempt_in_the_mdc_and_the_callers_context_comes_back() {
        List<Map<String, String>> seen = new ArrayList<>();
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            env.runner().registerWorkflow(WorkflowDefinition.define("logged", "2", TestData.class, b -> b
                    .startWith("flaky", ctx -> {
                        seen.add(MDC.getCopyOfContextMap());
                        if (ctx.data().counter++ == 0) {
                            throw new IllegalStateException("first attempt fails");
                        }
                        return ExecutionResult.next();
                    }).retry(RetryOptions.builder().initialInterval(Duration.ofSeconds(1)).maximumAttempts(2).build())
                    .timeout(Duration.ofSeconds(5))));   // with a timeout the body runs on a thread of its own
            MDC.put("request", "r-1");   // the caller's own context (steps run on this thread in the test kit)
            try {
                String id = env.runner().startWorkflow("logged", null);
                env.runToCompletion(id);

                assertThat(seen).hasSize(2);
                assertThat(seen.get(0)).containsEntry(MdcKeys.INSTANCE_ID, id).containsEntry(MdcKeys.WORKFLOW_ID, "logged")
                        .containsEntry(MdcKeys.WORKFLOW_VERSION, "2").containsEntry(MdcKeys.STEP, "flaky")
                        .containsEntry(MdcKeys.ATTEMPT, "1").containsEntry("request", "r-1");
                assertThat(seen.get(1)).containsEntry(MdcKeys.ATTEMPT, "2");
                assertThat(MDC.getCopyOfContextMap()).isEqualTo(Map.of("request", "r-1"));
            } finally {
                MDC.clear();
            }
        }
    }

    @Test
    void with_the_log_context_off_a_step_sees_only_the_callers_mdc() {
        List<Map<String, String>> seen = new ArrayList<>();
        try (LocalWorkflowRunner runner = (LocalWorkflowRunner) io.reactory.workflow.api.WorkflowRunner.builder()
                .options(io.reactory.workflow.api.RunnerOptions.defaults().withStepLogContext(false))
                .stepExecutor(Runnable::run).build()) {
            runner.registerWorkflow(WorkflowDefinition.define("quiet", "1", TestData.class, b -> b
                    .startWith("one", ctx -> {
                        seen.add(MDC.getCopyOfContextMap());
                        return ExecutionResult.next();
                    })));
            MDC.put("request", "r-2");
            try {
                runner.startWorkflow("quiet", null);
                runner.runUntilIdle();
                assertThat(seen).containsExactly(Map.of("request", "r-2"));
            } finally {
                MDC.clear();
            }
        }
    }
}
