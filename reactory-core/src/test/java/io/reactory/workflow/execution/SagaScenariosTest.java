package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.resilience.RetryOptions;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sagas: compensation of completed steps in reverse order after a step fails for good. */
class SagaScenariosTest {
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();

    @AfterEach
    void close() {
        env.close();
    }

    private static StepBody<TestData> trace(String name) {
        return ctx -> {
            ctx.data().trace.add(name);
            return ExecutionResult.next();
        };
    }

    private static StepBody<TestData> failing(String name) {
        return ctx -> {
            ctx.data().trace.add(name);
            throw new IllegalStateException(name + " is broken");
        };
    }

    @Test
    void compensation_runs_in_reverse_order_after_a_failing_step_and_the_workflow_fails() {
        env.runner().registerWorkflow(WorkflowDefinition.define("booking", "1", TestData.class, b -> b
                .saga(saga -> saga
                        .startWith("reserve-flight", trace("reserve-flight"))
                            .compensateWith("cancel-flight", trace("cancel-flight"))
                        .then("reserve-hotel", trace("reserve-hotel"))
                            .compensateWith("cancel-hotel", trace("cancel-hotel"))
                        .then("no-undo", trace("no-undo"))
                        .then("charge-card", failing("charge-card")).retry(RetryOptions.NONE)
                            .compensateWith("refund", trace("refund")))
                .then("confirm", trace("confirm"))));

        String id = env.runner().startWorkflow("booking", null);
        InstanceInfo done = env.runToCompletion(id);

        assertThat(((TestData) done.data()).trace).containsExactly(
                "reserve-flight", "reserve-hotel", "no-undo", "charge-card", "cancel-hotel", "cancel-flight");
        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(done.failureReason()).isEqualTo("COMPENSATED");
        assertThat(done.failureMessage()).isEqualTo("charge-card is broken");
        assertThat(done.steps()).filteredOn(s -> s.stepName().equals("reserve-flight"))
                .extracting(s -> s.status()).containsExactly("COMPENSATED");
    }

    @Test
    void a_saga_can_continue_after_compensating() {
        env.runner().registerWorkflow(WorkflowDefinition.define("tolerant", "1", TestData.class, b -> b
                .saga(saga -> saga
                        .startWith("a", trace("a")).compensateWith("undo-a", trace("undo-a"))
                        .then("b", failing("b")).retry(RetryOptions.NONE))
                .continueAfterCompensation()
                .then("after", trace("after"))));

        InstanceInfo done = env.runToCompletion(env.runner().startWorkflow("tolerant", null));

        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(((TestData) done.data()).trace).containsExactly("a", "b", "undo-a", "after");
    }

    @Test
    void retries_are_spent_before_the_saga_compensates() {
        env.runner().registerWorkflow(WorkflowDefinition.define("retrying-saga", "1", TestData.class, b -> b
                .saga(saga -> saga
                        .startWith("a", trace("a")).compensateWith("undo-a", trace("undo-a"))
                        .then("flaky", failing("flaky"))
                            .retry(RetryOptions.builder().maximumAttempts(3).build()))));

        InstanceInfo done = env.runToCompletion(env.runner().startWorkflow("retrying-saga", null));

        assertThat(((TestData) done.data()).trace).containsExactly("a", "flaky", "flaky", "flaky", "undo-a");
        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
    }

    @Test
    void compensation_inside_a_loop_undoes_each_completed_iteration_newest_first() {
        env.runner().registerWorkflow(WorkflowDefinition.define("loop-saga", "1", TestData.class, b -> b
                .saga(saga -> saga
                        .forEach(d -> d.items).then(each -> each
                                .startWith("take", ctx -> {
                                    if (ctx.item().equals("bad")) {
                                        throw new IllegalArgumentException("bad item");
                                    }
                                    ctx.data().trace.add("take " + ctx.item());
                                    return ExecutionResult.next();
                                }).retry(RetryOptions.NONE)
                                .compensateWith("give-back", ctx -> {
                                    ctx.data().trace.add("give back " + ctx.item());
                                    return ExecutionResult.next();
                                })))));

        InstanceInfo done = env.runToCompletion(env.runner().startWorkflow("loop-saga", null,
                TestData.withItems("x", "y", "bad", "z")));

        assertThat(((TestData) done.data()).trace).containsExactly("take x", "take y", "give back y", "give back x");
    }
}
