package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.execution.Steps.FinalizeStep;
import io.reactory.workflow.execution.Steps.InitializeStep;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** waitFor and publishEvent, in both orders. */
class EventScenariosTest {
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();

    @BeforeEach
    void register() {
        env.runner().registerWorkflow(WorkflowDefinition.define("approval", "1", TestData.class, b -> b
                .startWith(InitializeStep.class)
                .delay(Duration.ofMinutes(5))
                .waitFor("approved", d -> d.orderId)
                    .output((d, event) -> d.result = event.as(Map.class).get("by").toString())
                .then(FinalizeStep.class)));
    }

    @AfterEach
    void close() {
        env.close();
    }

    private String start(String orderId) {
        TestData data = new TestData();
        data.orderId = orderId;
        return env.runner().startWorkflow("approval", null, data);
    }

    private TestData data(String id) {
        return (TestData) env.runner().getInstance(id).data();
    }

    @Test
    void an_event_resumes_the_instance_waiting_for_its_key() {
        String id = start("A-1");
        String other = start("A-2");
        env.runUntilIdle();
        env.advance(Duration.ofMinutes(5));
        assertThat(env.runner().getInstance(id).steps()).anyMatch(s -> "approved/A-1".equals(s.waitingForEvent()));

        env.runner().publishEvent("approved", "A-1", Map.of("by", "alice"));
        env.runUntilIdle();

        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(data(id).result).isEqualTo("alice");
        assertThat(env.runner().getWorkflowStatus(other)).as("other key keeps waiting").isEqualTo(WorkflowStatus.RUNNING);
    }

    @Test
    void an_event_published_before_the_workflow_reaches_wait_for_is_still_delivered() {
        String id = start("B-1");
        env.runUntilIdle(); // now in the 5-minute delay, not yet waiting

        env.runner().publishEvent("approved", "B-1", Map.of("by", "bob"));
        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.RUNNING);

        env.advance(Duration.ofMinutes(5));
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(data(id).result).isEqualTo("bob");
    }

    @Test
    void an_event_published_before_the_instance_existed_is_not_delivered() {
        env.runner().publishEvent("approved", "C-1", Map.of("by", "old"));
        env.advance(Duration.ofSeconds(1));
        String id = start("C-1");
        env.runUntilIdle();
        env.advance(Duration.ofMinutes(5));
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.RUNNING);

        env.runner().publishEvent("approved", "C-1", Map.of("by", "new"));
        env.runUntilIdle();
        assertThat(data(id).result).isEqualTo("new");
    }

    @Test
    void waiting_in_a_loop_consumes_one_event_per_iteration() {
        env.runner().registerWorkflow(WorkflowDefinition.define("collector", "1", TestData.class, b -> b
                .repeatWhile(d -> d.counter < 2).then(each -> each
                        .waitFor("tick", d -> "k").output((d, e) -> d.trace.add(String.valueOf(e.data())))
                        .then("count", ctx -> {
                            ctx.data().counter++;
                            return ExecutionResult.next();
                        }))));
        String id = env.runner().startWorkflow("collector", null);
        env.runner().publishEvent("tick", "k", "one");
        env.runner().publishEvent("tick", "k", "two");
        env.runner().publishEvent("tick", "k", "three");
        env.runUntilIdle();

        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(data(id).trace).containsExactly("one", "two");
    }

    @Test
    void a_step_can_wait_for_an_event_itself_and_read_it_when_woken() {
        env.runner().registerWorkflow(WorkflowDefinition.define("self-wait", "1", TestData.class, b -> b
                .startWith("ask", ctx -> {
                    if (ctx.event() == null) {
                        return ExecutionResult.waitForEvent("answer", ctx.instanceId());
                    }
                    ctx.data().result = String.valueOf(ctx.event().data());
                    return ExecutionResult.next();
                })));
        String id = env.runner().startWorkflow("self-wait", null);
        env.runUntilIdle();
        env.runner().publishEvent("answer", id, "42");
        env.runUntilIdle();

        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(data(id).result).isEqualTo("42");
    }
}
