package io.reactory.workflow.definition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.api.StepContext;
import io.reactory.workflow.api.WorkflowRunner;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DefinitionValidationTest {

    @SuppressWarnings("rawtypes")
    private static WorkflowDefinition define(java.util.function.Consumer<WorkflowBuilder<Map>> build) {
        return WorkflowDefinition.define("wf", "1", Map.class, build);
    }

    private static final StepBody<Map> NOOP = ctx -> ExecutionResult.next();

    @Test
    void an_empty_branch_is_refused_naming_the_step() {
        assertThatThrownBy(() -> define(b -> b.startWith("a", NOOP).parallel().branch(x -> {}).join()))
                .isInstanceOf(DefinitionException.class)
                .hasMessageContaining("wf").hasMessageContaining("empty branch").hasMessageContaining("parallel");
        assertThatThrownBy(() -> define(b -> b.when(d -> true).then(x -> {})))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("empty body");
        assertThatThrownBy(() -> define(b -> b.forEach(d -> java.util.List.of()).then(x -> {})))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("empty loop body");
        assertThatThrownBy(() -> define(b -> b.parallel().join()))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("no branch");
        assertThatThrownBy(() -> define(b -> {}))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("no step");
    }

    @Test
    void duplicate_step_names_are_refused() {
        assertThatThrownBy(() -> define(b -> b.startWith("same", NOOP).then("same", NOOP)))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("duplicate step name 'same'");
    }

    @Test
    void default_names_of_repeated_classes_are_made_unique() {
        WorkflowDefinition definition = WorkflowDefinition.define("wf", "1", Map.class, b -> b
                .startWith(Noop.class).then(Noop.class).then(Noop.class));
        assertThat(definition.steps()).extracting(StepNode::name).containsExactly("Noop", "Noop-2", "Noop-3");
    }

    @Test
    void duplicate_id_and_version_is_refused_at_registration() {
        try (WorkflowRunner runner = WorkflowRunner.builder().build()) {
            runner.registerWorkflow(define(b -> b.startWith("a", NOOP)));
            assertThatThrownBy(() -> runner.registerWorkflow(define(b -> b.startWith("a", NOOP))))
                    .isInstanceOf(DefinitionException.class).hasMessageContaining("duplicate id");
        }
    }

    /** Has no public no-argument constructor, so the default factory cannot create it. */
    public static final class NeedsArgument implements StepBody<Map> {
        public NeedsArgument(String argument) {}

        @Override
        public ExecutionResult run(StepContext<Map> context) {
            return ExecutionResult.next();
        }
    }

    public static final class Noop implements StepBody<Map> {
        @Override
        public ExecutionResult run(StepContext<Map> context) {
            return ExecutionResult.next();
        }
    }

    @Test
    void an_unknown_step_is_refused_at_registration() {
        try (WorkflowRunner runner = WorkflowRunner.builder().build()) {
            assertThatThrownBy(() -> runner.registerWorkflow(define(b -> b.startWith(NeedsArgument.class))))
                    .isInstanceOf(DefinitionException.class)
                    .hasMessageContaining("unknown step 'NeedsArgument'")
                    .hasMessageContaining("no public no-argument constructor");
        }
    }

    @Test
    void options_must_follow_a_step_and_versions_must_be_numbers() {
        assertThatThrownBy(() -> define(b -> b.name("x"))).isInstanceOf(DefinitionException.class)
                .hasMessageContaining("must follow a step");
        assertThatThrownBy(() -> WorkflowDefinition.define("wf", "latest", Map.class, b -> b.startWith("a", NOOP)))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("dot-separated numbers");
        assertThatThrownBy(() -> define(b -> b.startWith("a", NOOP).startWith("b", NOOP)))
                .isInstanceOf(DefinitionException.class).hasMessageContaining("startWith must be the first step");
    }

    @Test
    void versions_compare_numerically_and_ignore_trailing_zeros() {
        assertThat(WorkflowVersion.parse("1.0")).isEqualTo(WorkflowVersion.parse("1"));
        assertThat(WorkflowVersion.parse("1.10")).isGreaterThan(WorkflowVersion.parse("1.9"));
        assertThat(WorkflowVersion.parse("2")).isGreaterThan(WorkflowVersion.parse("1.99"));
    }
}
