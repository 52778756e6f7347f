package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.WorkflowNotFoundException;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VersioningTest {
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();

    @AfterEach
    void close() {
        env.close();
    }

    private static WorkflowDefinition version(String version, String marker) {
        return WorkflowDefinition.define("greeting", version, TestData.class, b -> b
                .startWith("before", ctx -> {
                    ctx.data().trace.add(marker + " before");
                    return ExecutionResult.next();
                })
                .delay(Duration.ofHours(1))
                .then("after", ctx -> {
                    ctx.data().trace.add(marker + " after");
                    return ExecutionResult.next();
                }));
    }

    @Test
    void v1_instances_finish_on_v1_after_v2_is_registered() {
        env.runner().registerWorkflow(version("1", "v1"));
        String old = env.runner().startWorkflow("greeting", null);
        env.runUntilIdle();

        env.runner().registerWorkflow(version("2", "v2"));
        String fresh = env.runner().startWorkflow("greeting", null);
        env.runUntilIdle();
        env.advance(Duration.ofHours(1));

        assertThat(env.runner().getWorkflowStatus(old)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(((TestData) env.runner().getInstance(old).data()).trace).containsExactly("v1 before", "v1 after");
        assertThat(env.runner().getInstance(fresh).version()).isEqualTo("2");
        env.advance(Duration.ofHours(1));
        assertThat(((TestData) env.runner().getInstance(fresh).data()).trace).containsExactly("v2 before", "v2 after");
    }

    @Test
    void a_version_can_be_asked_for_by_name_and_1_0_is_1() {
        env.runner().registerWorkflow(version("1.0", "v1"));
        env.runner().registerWorkflow(version("2", "v2"));

        String id = env.runner().startWorkflow("greeting", "1", null);
        assertThat(env.runner().getInstance(id).version()).isEqualTo("1");
        assertThatThrownBy(() -> env.runner().startWorkflow("greeting", "3", null))
                .isInstanceOf(WorkflowNotFoundException.class).hasMessageContaining("greeting").hasMessageContaining("3");
        assertThatThrownBy(() -> env.runner().startWorkflow("nothing", null))
                .isInstanceOf(WorkflowNotFoundException.class);
    }
}
