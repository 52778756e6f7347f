package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.IdempotencyConflictException;
import io.reactory.workflow.api.IllegalTransitionException;
import io.reactory.workflow.api.InstanceNotFoundException;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.execution.Steps.FinalizeStep;
import io.reactory.workflow.execution.Steps.InitializeStep;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** start, pause, resume, cancel, and the transitions the specification's diagram refuses. */
class LifecycleScenariosTest {
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();
    private final List<StatusChange> changes = new ArrayList<>();

    @BeforeEach
    void register() {
        env.runner().addListener(new WorkflowListener() {
            @Override
            public void statusChanged(StatusChange change) {
                changes.add(change);
            }
        });
        env.runner().registerWorkflow(WorkflowDefinition.define("two-steps-with-pause", "1", TestData.class, b -> b
                .startWith(InitializeStep.class)
                .delay(Duration.ofHours(1))
                .then(FinalizeStep.class)));
        env.runner().registerWorkflow(WorkflowDefinition.define("self-pausing", "1", TestData.class, b -> b
                .startWith("first", ctx -> {
                    ctx.data().trace.add("first");
                    return ExecutionResult.next();
                })
                .then("pause-me", ctx -> {
                    ctx.data().trace.add("pause-me");
                    env.runner().pauseWorkflow(ctx.instanceId()); // arrives while the engine holds the instance
                    return ExecutionResult.next();
                })
                .then("second", ctx -> {
                    ctx.data().trace.add("second");
                    return ExecutionResult.next();
                })));
    }

    @AfterEach
    void close() {
        env.close();
    }

    private TestData data(String id) {
        return (TestData) env.runner().getInstance(id).data();
    }

    @Test
    void a_new_instance_is_pending_until_the_engine_starts_it() {
        String id = env.runner().startWorkflow("two-steps-with-pause", null);
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.PENDING);
        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(changes).extracting(StatusChange::to).containsExactly(WorkflowStatus.PENDING, WorkflowStatus.RUNNING);
    }

    @Test
    void pause_mid_run_takes_effect_between_steps_and_resume_continues_where_it_stopped() {
        String id = env.runner().startWorkflow("self-pausing", null);
        env.runUntilIdle();

        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.PAUSED);
        assertThat(data(id).trace).containsExactly("first", "pause-me");

        env.advance(Duration.ofDays(1));
        assertThat(data(id).trace).as("nothing runs while paused").containsExactly("first", "pause-me");

        env.runner().resumeWorkflow(id);
        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(data(id).trace).containsExactly("first", "pause-me", "second");
    }

    @Test
    void pause_while_waiting_applies_at_once_and_the_delay_still_counts_after_resume() {
        String id = env.runner().startWorkflow("two-steps-with-pause", null);
        env.runUntilIdle();

        env.runner().pauseWorkflow(id);
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.PAUSED);

        env.advance(Duration.ofHours(2));
        assertThat(data(id).trace).containsExactly("InitializeStep");

        env.runner().resumeWorkflow(id);
        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(data(id).trace).containsExactly("InitializeStep", "FinalizeStep");
    }

    @Test
    void cancel_a_paused_instance() {
        String id = env.runner().startWorkflow("two-steps-with-pause", null);
        env.runUntilIdle();
        env.runner().pauseWorkflow(id);

        env.runner().cancelWorkflow(id);
        env.advance(Duration.ofHours(2));

        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(data(id).trace).containsExactly("InitializeStep");
        assertThat(env.runner().getInstance(id).steps()).noneMatch(s -> s.status().equals("SLEEPING"));
    }

    @Test
    void cancel_a_running_instance_runs_no_further_step() {
        String id = env.runner().startWorkflow("two-steps-with-pause", null);
        env.runUntilIdle();

        env.runner().cancelWorkflow(id);
        env.advance(Duration.ofHours(2));

        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(data(id).trace).containsExactly("InitializeStep");
        assertThat(changes).extracting(StatusChange::to).containsExactly(
                WorkflowStatus.PENDING, WorkflowStatus.RUNNING, WorkflowStatus.CANCELLED);
    }

    @Test
    void cancel_a_pending_instance_passes_through_running_as_the_diagram_requires() {
        String id = env.runner().startWorkflow("two-steps-with-pause", null);

        env.runner().cancelWorkflow(id);

        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(data(id).trace).isEmpty();
        assertThat(changes).extracting(StatusChange::to).containsExactly(
                WorkflowStatus.PENDING, WorkflowStatus.RUNNING, WorkflowStatus.CANCELLED);
    }

    @Test
    void transitions_the_diagram_does_not_draw_are_refused_naming_instance_and_states() {
        String id = env.runner().startWorkflow("two-steps-with-pause", null);

        assertThatThrownBy(() -> env.runner().resumeWorkflow(id))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining(id).hasMessageContaining("PENDING").hasMessageContaining("RUNNING");
        assertThatThrownBy(() -> env.runner().retryWorkflow(id)).isInstanceOf(IllegalTransitionException.class);

        env.runToCompletion(id);
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThatThrownBy(() -> env.runner().pauseWorkflow(id))
                .isInstanceOfSatisfying(IllegalTransitionException.class, e -> {
                    assertThat(e.instanceId()).isEqualTo(id);
                    assertThat(e.current()).isEqualTo(WorkflowStatus.COMPLETED);
                    assertThat(e.requested()).isEqualTo(WorkflowStatus.PAUSED);
                });
        assertThatThrownBy(() -> env.runner().cancelWorkflow(id)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> env.runner().resumeWorkflow(id)).isInstanceOf(IllegalTransitionException.class);
        assertThatThrownBy(() -> env.runner().retryWorkflow(id)).isInstanceOf(IllegalTransitionException.class);
    }

    @Test
    void pause_right_after_start_passes_through_running_and_runs_no_step() {
        String id = env.runner().startWorkflow("two-steps-with-pause", null);

        env.runner().pauseWorkflow(id);
        env.runUntilIdle();

        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.PAUSED);
        assertThat(data(id).trace).isEmpty();
        assertThat(changes).extracting(StatusChange::to).containsExactly(
                WorkflowStatus.PENDING, WorkflowStatus.RUNNING, WorkflowStatus.PAUSED);
        env.runner().resumeWorkflow(id);
        env.runToCompletion(id);
        assertThat(data(id).trace).containsExactly("InitializeStep", "FinalizeStep");
    }

    @Test
    void unknown_instances_are_reported_as_such() {
        assertThatThrownBy(() -> env.runner().getWorkflowStatus("nope"))
                .isInstanceOf(InstanceNotFoundException.class).hasMessageContaining("nope");
        assertThatThrownBy(() -> env.runner().cancelWorkflow("nope")).isInstanceOf(InstanceNotFoundException.class);
    }

    @Test
    void stats_count_instances_by_status_and_what_the_runner_saw() {
        String a = env.runner().startWorkflow("two-steps-with-pause", null);
        String b = env.runner().startWorkflow("two-steps-with-pause", null);
        env.runner().cancelWorkflow(b);
        env.runToCompletion(a);

        var stats = env.runner().getWorkflowStats();
        assertThat(stats.instancesByStatus()).containsEntry(WorkflowStatus.COMPLETED, 1L)
                .containsEntry(WorkflowStatus.CANCELLED, 1L);
        assertThat(stats.started()).isEqualTo(2);
        assertThat(stats.completed()).isEqualTo(1);
        assertThat(stats.cancelled()).isEqualTo(1);
        assertThat(stats.stepsExecuted()).as("two steps of a, none of b").isEqualTo(2);
        assertThat(stats.definitions()).isEqualTo(2);
    }

    @Test
    void starting_twice_with_one_idempotency_key_starts_one_instance() {
        var options = io.reactory.workflow.api.StartOptions.DEFAULT.withIdempotencyKey("order-7");
        String first = env.runner().startWorkflow("two-steps-with-pause", null, null, options);
        String second = env.runner().startWorkflow("two-steps-with-pause", null, null, options);
        assertThat(second).isEqualTo(first);
        assertThat(env.runner().getWorkflowStats().started()).isEqualTo(1);
    }

    @Test
    void a_key_already_used_by_another_workflow_is_refused_instead_of_returning_its_instance() {
        var options = io.reactory.workflow.api.StartOptions.DEFAULT.withIdempotencyKey("order-8");
        String first = env.runner().startWorkflow("two-steps-with-pause", null, null, options);

        assertThatThrownBy(() -> env.runner().startWorkflow("self-pausing", null, null, options))
                .isInstanceOfSatisfying(IdempotencyConflictException.class, e -> {
                    assertThat(e.workflowId()).isEqualTo("self-pausing");
                    assertThat(e.existingInstanceId()).isEqualTo(first);
                    assertThat(e.existingWorkflowId()).isEqualTo("two-steps-with-pause");
                    assertThat(e.getMessage()).contains("another workflow").doesNotContain("two-steps-with-pause");
                });
        assertThat(env.runner().getWorkflowStats().started()).isEqualTo(1);
        assertThat(env.runner().startWorkflow("two-steps-with-pause", null, null, options)).isEqualTo(first);
    }
}
