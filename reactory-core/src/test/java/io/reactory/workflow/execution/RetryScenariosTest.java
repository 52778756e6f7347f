package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.StepFailedException;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.RetryOptions;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The basic error handling the engine core provides: durable retries, suspend, terminate, retry from FAILED. */
class RetryScenariosTest {
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();

    @AfterEach
    void close() {
        env.close();
    }

    private void flaky(String id, int failuresBeforeSuccess, RetryOptions retry, ErrorBehavior behavior) {
        env.runner().registerWorkflow(WorkflowDefinition.define(id, "1", TestData.class, b -> b
                .startWith("flaky", ctx -> {
                    ctx.data().trace.add("attempt " + ctx.attempt() + " at " + ctx.now());
                    if (ctx.data().counter++ < failuresBeforeSuccess) {
                        throw new IllegalStateException("not yet");
                    }
                    return ExecutionResult.next();
                }).retry(retry).onError(behavior)));
    }

    @Test
    void a_step_that_fails_twice_then_succeeds_completes_after_durable_backoffs() {
        flaky("flaky", 2, RetryOptions.builder().initialInterval(Duration.ofSeconds(10)).backoffCoefficient(3)
                .maximumAttempts(5).build(), ErrorBehavior.RETRY);
        Instant t0 = env.clock().instant();
        String id = env.runner().startWorkflow("flaky", null);

        env.runUntilIdle();
        assertThat(env.runner().getInstance(id).steps().get(0).wakeAt()).isEqualTo(t0.plusSeconds(10));
        env.advance(Duration.ofSeconds(10));
        assertThat(env.runner().getInstance(id).steps().get(0).wakeAt()).isEqualTo(t0.plusSeconds(40));
        env.advance(Duration.ofSeconds(30));

        InstanceInfo done = env.runner().getInstance(id);
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(((TestData) done.data()).trace).containsExactly(
                "attempt 1 at " + t0, "attempt 2 at " + t0.plusSeconds(10), "attempt 3 at " + t0.plusSeconds(40));
        assertThat(done.steps().get(0).attempts()).isEqualTo(3);
    }

    @Test
    void after_the_last_attempt_the_instance_fails_with_the_cause() {
        flaky("hopeless", 99, RetryOptions.builder().maximumAttempts(2).build(), ErrorBehavior.RETRY);
        InstanceInfo done = env.runToCompletion(env.runner().startWorkflow("hopeless", null));

        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(done.failureReason()).isEqualTo("STEP_FAILED");
        assertThat(done.failedStep()).isEqualTo("flaky");
        assertThat(done.failureMessage()).isEqualTo("not yet");
        assertThat(done.steps().get(0).errorType()).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void a_non_retryable_failure_skips_the_remaining_attempts() {
        env.runner().registerWorkflow(WorkflowDefinition.define("strict", "1", TestData.class, b -> b
                .startWith("validate", ctx -> {
                    ctx.data().counter++;
                    throw StepFailedException.nonRetryable("order is invalid");
                }).retry(RetryOptions.builder().maximumAttempts(10).build())));
        InstanceInfo done = env.runToCompletion(env.runner().startWorkflow("strict", null));

        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(((TestData) done.data()).counter).isEqualTo(1);
    }

    @Test
    void suspend_pauses_the_instance_and_resume_runs_the_step_again() {
        flaky("suspending", 1, RetryOptions.DEFAULT, ErrorBehavior.SUSPEND);
        String id = env.runner().startWorkflow("suspending", null);
        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.PAUSED);

        env.runner().resumeWorkflow(id);
        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void terminate_fails_at_once() {
        flaky("terminating", 1, RetryOptions.DEFAULT, ErrorBehavior.TERMINATE);
        String id = env.runner().startWorkflow("terminating", null);
        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.FAILED);
    }

    @Test
    void retry_of_a_failed_instance_resumes_at_the_failed_step_keeping_earlier_results() {
        env.runner().registerWorkflow(WorkflowDefinition.define("resumable", "1", TestData.class, b -> b
                .startWith("first", ctx -> {
                    ctx.data().trace.add("first");
                    return ExecutionResult.next();
                })
                .then("second", ctx -> {
                    ctx.data().trace.add("second");
                    if (ctx.data().counter++ == 0) {
                        throw new IllegalStateException("down");
                    }
                    return ExecutionResult.next();
                }).retry(RetryOptions.NONE)));
        String id = env.runner().startWorkflow("resumable", null);
        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.FAILED);

        env.runner().retryWorkflow(id);
        env.runUntilIdle();

        InstanceInfo done = env.runner().getInstance(id);
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(((TestData) done.data()).trace).containsExactly("first", "second", "second");
        assertThat(done.failureReason()).isNull();
    }

    @Test
    void a_workflow_timeout_fails_the_instance_with_reason_timeout() {
        env.runner().registerWorkflow(WorkflowDefinition.define("slow", "1", TestData.class, b -> b
                .workflowTimeout(Duration.ofHours(1))
                .startWith("a", ctx -> ExecutionResult.next())
                .delay(Duration.ofHours(2))
                .then("b", ctx -> ExecutionResult.next())));
        InstanceInfo done = env.runToCompletion(env.runner().startWorkflow("slow", null));

        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(done.failureReason()).isEqualTo("TIMEOUT");
        assertThat(Duration.between(done.startedAt(), done.completedAt())).isEqualTo(Duration.ofHours(1));
    }
}
