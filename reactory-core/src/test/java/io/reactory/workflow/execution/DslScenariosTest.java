package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.Workflow;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowBuilder;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.execution.Steps.*;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One scenario per builder primitive, written as the specification's definition patterns. */
class DslScenariosTest {
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();

    @AfterEach
    void close() {
        env.close();
    }

    private TestData run(String id, Consumer<WorkflowBuilder<TestData>> build, TestData input) {
        env.runner().registerWorkflow(WorkflowDefinition.define(id, "1", TestData.class, build));
        String instanceId = env.runner().startWorkflow(id, "1", input);
        InstanceInfo done = env.runToCompletion(instanceId);
        assertThat(done.status()).as("status of %s", id).isEqualTo(WorkflowStatus.COMPLETED);
        return (TestData) done.data();
    }

    @Test
    void sequential_workflow_runs_its_steps_in_order() {
        TestData data = run("simple-workflow", b -> b
                .startWith(InitializeStep.class)
                .then(ProcessDataStep.class)
                .then(SaveResultsStep.class)
                .then(CleanupStep.class), new TestData());

        assertThat(data.trace).containsExactly("InitializeStep", "ProcessDataStep", "SaveResultsStep", "CleanupStep");
    }

    @Test
    void parallel_branches_all_run_before_the_join() {
        TestData data = run("parallel-workflow", b -> b
                .startWith(InitializeStep.class)
                .parallel()
                    .branch(branch1 -> branch1.startWith(ProcessTypeAStep.class).then(ValidateTypeAStep.class))
                    .branch(branch2 -> branch2.startWith(ProcessTypeBStep.class).then(ValidateTypeBStep.class))
                .joinWith(CombineResultsStep.class)
                .then(FinalizeStep.class), new TestData());

        assertThat(data.trace).hasSize(7);
        assertThat(data.trace.get(0)).isEqualTo("InitializeStep");
        assertThat(data.trace.subList(1, 5)).containsExactlyInAnyOrder(
                "ProcessTypeAStep", "ValidateTypeAStep", "ProcessTypeBStep", "ValidateTypeBStep");
        assertThat(data.trace.indexOf("ProcessTypeAStep")).isLessThan(data.trace.indexOf("ValidateTypeAStep"));
        assertThat(data.trace.indexOf("ProcessTypeBStep")).isLessThan(data.trace.indexOf("ValidateTypeBStep"));
        assertThat(data.trace.subList(5, 7)).containsExactly("CombineResultsStep", "FinalizeStep");
    }

    private void conditional(WorkflowBuilder<TestData> b) {
        b.startWith(CheckConditionStep.class)
                .when(data -> data.condition.equals("A"))
                    .then(then -> then.startWith(ProcessPathAStep.class).then(ValidatePathAStep.class))
                .when(data -> data.condition.equals("B"))
                    .then(then -> then.startWith(ProcessPathBStep.class).then(ValidatePathBStep.class))
                .then(FinalizeStep.class);
    }

    @Test
    void conditional_runs_only_the_matching_body() {
        TestData a = run("conditional-workflow", this::conditional, TestData.withCondition("A"));
        assertThat(a.trace).containsExactly("CheckConditionStep", "ProcessPathAStep", "ValidatePathAStep", "FinalizeStep");

        String second = env.runner().startWorkflow("conditional-workflow", "1", TestData.withCondition("B"));
        TestData b = (TestData) env.runToCompletion(second).data();
        assertThat(b.trace).containsExactly("CheckConditionStep", "ProcessPathBStep", "ValidatePathBStep", "FinalizeStep");

        String third = env.runner().startWorkflow("conditional-workflow", "1", TestData.withCondition("C"));
        TestData c = (TestData) env.runToCompletion(third).data();
        assertThat(c.trace).containsExactly("CheckConditionStep", "FinalizeStep");
    }

    @Test
    void foreach_runs_the_body_once_per_item_in_order() {
        TestData data = run("loop-workflow", b -> b
                .startWith(InitializeStep.class)
                .forEach(d -> d.items)
                    .then(then -> then.startWith(ProcessItemStep.class).then(ValidateItemStep.class))
                .then(AggregateResultsStep.class), TestData.withItems("x", "y", "z"));

        assertThat(data.trace).containsExactly("InitializeStep",
                "ProcessItemStep:x", "ValidateItemStep:x",
                "ProcessItemStep:y", "ValidateItemStep:y",
                "ProcessItemStep:z", "ValidateItemStep:z",
                "AggregateResultsStep");
    }

    @Test
    void foreach_in_parallel_runs_every_item_and_then_continues() {
        TestData data = run("parallel-loop", b -> b
                .forEach(d -> d.items).inParallel()
                    .then(then -> then.startWith(ProcessItemStep.class))
                .then(AggregateResultsStep.class), TestData.withItems("a", "b", "c", "d"));

        assertThat(data.trace).hasSize(5).endsWith("AggregateResultsStep");
        assertThat(data.trace.subList(0, 4)).containsExactlyInAnyOrder(
                "ProcessItemStep:a", "ProcessItemStep:b", "ProcessItemStep:c", "ProcessItemStep:d");
    }

    @Test
    void foreach_over_an_empty_collection_skips_the_body() {
        TestData data = run("empty-loop", b -> b
                .forEach(d -> d.items).then(then -> then.startWith(ProcessItemStep.class))
                .then(FinalizeStep.class), new TestData());

        assertThat(data.trace).containsExactly("FinalizeStep");
    }

    @Test
    void repeat_while_runs_until_the_condition_fails() {
        TestData input = new TestData();
        input.limit = 3;
        TestData data = run("while-workflow", b -> b
                .repeatWhile(d -> d.counter < d.limit)
                    .then(then -> then.startWith("count", ctx -> {
                        ctx.data().counter++;
                        ctx.data().trace.add("count" + ctx.data().counter);
                        return ExecutionResult.next();
                    }))
                .then(FinalizeStep.class), input);

        assertThat(data.trace).containsExactly("count1", "count2", "count3", "FinalizeStep");
    }

    @Test
    void decide_runs_the_branch_for_the_value_or_otherwise() {
        Consumer<WorkflowBuilder<TestData>> build = b -> b
                .decide(d -> d.condition)
                    .branch("A", branch -> branch.startWith(ProcessPathAStep.class))
                    .branch("B", branch -> branch.startWith(ProcessPathBStep.class))
                    .otherwise(branch -> branch.startWith(CleanupStep.class))
                .end()
                .then(FinalizeStep.class);

        assertThat(run("decide", build, TestData.withCondition("B")).trace)
                .containsExactly("ProcessPathBStep", "FinalizeStep");
        String other = env.runner().startWorkflow("decide", "1", TestData.withCondition("Z"));
        assertThat(((TestData) env.runToCompletion(other).data()).trace).containsExactly("CleanupStep", "FinalizeStep");
    }

    @Test
    void end_workflow_completes_at_once_and_skips_the_rest() {
        TestData data = run("ending", b -> b
                .startWith(InitializeStep.class)
                .when(d -> "stop".equals(d.condition)).then(then -> then.endWorkflow())
                .then(FinalizeStep.class), TestData.withCondition("stop"));

        assertThat(data.trace).containsExactly("InitializeStep");
    }

    @Test
    void input_and_output_mappings_move_values_between_data_and_step() {
        TestData input = new TestData();
        input.counter = 21;
        TestData data = run("mapping", b -> b
                .startWith(DoubleIt.class)
                    .input((step, d) -> step.in = d.counter)
                    .output((step, d) -> d.result = "doubled to " + step.out), input);

        assertThat(data.result).isEqualTo("doubled to 42");
    }

    @Test
    void lambda_steps_and_class_steps_mix() {
        TestData data = run("lambdas", b -> b
                .startWith("first", ctx -> {
                    ctx.data().trace.add("first " + ctx.stepName());
                    return ExecutionResult.next();
                })
                .then(ProcessDataStep.class)
                .then("last", ctx -> {
                    ctx.data().trace.add("last attempt " + ctx.attempt());
                    return ExecutionResult.next();
                }), new TestData());

        assertThat(data.trace).containsExactly("first first", "ProcessDataStep", "last attempt 1");
    }

    @Test
    void nested_containers_compose() {
        TestData data = run("nested", b -> b
                .forEach(d -> d.items)
                    .then(each -> each
                        .when(d -> true).then(inner -> inner
                            .parallel()
                                .branch(x -> x.startWith(ProcessTypeAStep.class))
                                .branch(x -> x.startWith(ProcessTypeBStep.class))
                            .join()))
                .then(FinalizeStep.class), TestData.withItems("1", "2"));

        assertThat(data.trace).hasSize(5).endsWith("FinalizeStep");
        assertThat(data.trace.subList(0, 2)).containsExactlyInAnyOrder("ProcessTypeAStep:1", "ProcessTypeBStep:1");
        assertThat(data.trace.subList(2, 4)).containsExactlyInAnyOrder("ProcessTypeAStep:2", "ProcessTypeBStep:2");
    }

    @Test
    void a_three_day_delay_completes_under_the_controllable_clock_without_real_waiting() {
        env.runner().registerWorkflow(WorkflowDefinition.define("reminder", "1", TestData.class, b -> b
                .startWith(InitializeStep.class)
                .delay(Duration.ofDays(3))
                .then(FinalizeStep.class)));
        long realStart = System.nanoTime();
        String id = env.runner().startWorkflow("reminder", null, new TestData());

        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(((TestData) env.runner().getInstance(id).data()).trace).containsExactly("InitializeStep");

        env.advance(Duration.ofDays(3).minusSeconds(1));
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.RUNNING);

        env.advance(Duration.ofSeconds(1));
        InstanceInfo done = env.runner().getInstance(id);
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(((TestData) done.data()).trace).containsExactly("InitializeStep", "FinalizeStep");
        assertThat(Duration.between(done.startedAt(), done.completedAt())).isEqualTo(Duration.ofDays(3));
        assertThat(Duration.ofNanos(System.nanoTime() - realStart)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_step_can_sleep_and_run_again() {
        TestData data = run("poller", b -> b
                .startWith("poll", ctx -> {
                    ctx.data().counter++;
                    return ctx.data().counter < 3 ? ExecutionResult.sleep(Duration.ofMinutes(10)) : ExecutionResult.next();
                }), new TestData());

        assertThat(data.counter).isEqualTo(3);
    }

    @Test
    void each_activation_gets_a_stable_idempotency_key() {
        TestData data = run("keys", b -> b
                .forEach(d -> d.items).then(each -> each.startWith("key", ctx -> {
                    ctx.data().trace.add(ctx.idempotencyKey());
                    return ExecutionResult.next();
                })), TestData.withItems("a", "b"));

        assertThat(data.trace).hasSize(2).doesNotHaveDuplicates().allMatch(k -> k.contains(":"));
    }

    /** The specification's Java-class style: a Workflow implementation registered as such. */
    static final class SimpleWorkflow implements Workflow<TestData> {
        @Override
        public String id() {
            return "simple-class-workflow";
        }

        @Override
        public Class<TestData> dataType() {
            return TestData.class;
        }

        @Override
        public void build(WorkflowBuilder<TestData> builder) {
            builder.startWith(InitializeStep.class).then(ProcessDataStep.class);
        }
    }

    @Test
    void a_workflow_class_registers_and_runs() {
        env.register(new SimpleWorkflow());
        String id = env.runner().startWorkflow("simple-class-workflow", null);
        InstanceInfo done = env.runToCompletion(id);
        assertThat(((TestData) done.data()).trace).containsExactly("InitializeStep", "ProcessDataStep");
        assertThat(done.version()).isEqualTo("1");
    }
}
