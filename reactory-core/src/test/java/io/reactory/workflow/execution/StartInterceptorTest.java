package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InvalidInputDataException;
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

    @Test
    void input_data_that_does_not_fit_is_refused_naming_type_and_field_but_never_the_value() {
        env.runner().registerWorkflow(WorkflowDefinition.define("wf", "1", TestData.class, b -> b
                .startWith("a", ctx -> ExecutionResult.next())));

        assertThatThrownBy(() -> env.runner().startWorkflow("wf", java.util.Map.of("counter", "secret-4111")))
                .isInstanceOfSatisfying(InvalidInputDataException.class, e -> {
                    assertThat(e.dataType()).isEqualTo("TestData");
                    assertThat(e.path()).isEqualTo("counter");
                })
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("input data cannot be converted to TestData at 'counter'")
                .hasNoCause(); // Jackson's exception quotes the value
        assertThatThrownBy(() -> env.runner().startWorkflow("wf", java.util.Map.of("items",
                        java.util.Map.of("nested", "secret-4111"))))
                .hasMessageContaining("at 'items'").hasMessageNotContaining("secret-4111");
        assertThat(env.runner().getWorkflowStats().started()).isZero();
    }
}
