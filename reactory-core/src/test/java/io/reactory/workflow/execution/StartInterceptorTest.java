package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.WorkflowDisabledException;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StartInterceptorTest {
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void interceptors_can_change_a_start_or_refuse_it_in_order() {
        env.runner().registerWorkflow(WorkflowDefinition.define("wf", "1", TestData.class, b -> b
                .startWith("a", ctx -> ExecutionResult.next())));
        env.runner().addStartInterceptor(request -> {
            TestData data = new TestData();
            data.result = "defaulted";
            return request.data() == null ? request.withData(data) : request;
        });
        env.runner().addStartInterceptor(request -> request.withOptions(request.options().withPriority(Priority.HIGH)));

        String id = env.runner().startWorkflow("wf", null);
        assertThat(((TestData) env.runner().getInstance(id).data()).result).isEqualTo("defaulted");
        assertThat(env.runner().getInstance(id).priority()).isEqualTo(Priority.HIGH);

        env.runner().addStartInterceptor(request -> {
            throw new WorkflowDisabledException(request.definition().id());
        });
        assertThatThrownBy(() -> env.runner().startWorkflow("wf", null)).isInstanceOf(WorkflowDisabledException.class);
        assertThat(env.runner().getWorkflowStats().started()).isEqualTo(1);
    }
}
