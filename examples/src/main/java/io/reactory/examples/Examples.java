package io.reactory.examples;

import io.reactory.examples.ExampleSteps.*;
import io.reactory.workflow.api.Workflow;
import io.reactory.workflow.definition.WorkflowBuilder;
import java.util.List;

/**
 * The specification's four definition patterns written with the Java DSL, and the workflows its configuration
 * examples refer to ({@code data-processing}, {@code data-validation}, {@code generate-reports}).
 */
public final class Examples {
    private Examples() {}

    /** Every example workflow, ready to register. */
    public static List<Workflow<ExampleData>> all() {
        return List.of(new SimpleWorkflow(), new ParallelWorkflow(), new ConditionalWorkflow(), new LoopWorkflow(),
                new DataValidationWorkflow(), new DataProcessingWorkflow(), new GenerateReportsWorkflow());
    }

    /** Base class fixing the data type. */
    public abstract static class ExampleWorkflow implements Workflow<ExampleData> {
        @Override
        public Class<ExampleData> dataType() {
            return ExampleData.class;
        }
    }

    // tag::simple[]
    public static final class SimpleWorkflow extends ExampleWorkflow {
        @Override
        public String id() {
            return "simple-workflow";
        }

        @Override
        public void build(WorkflowBuilder<ExampleData> builder) {
            builder
                .startWith(InitializeStep.class)
                .then(ProcessDataStep.class)
                .then(SaveResultsStep.class)
                .then(CleanupStep.class);
        }
    }
    // end::simple[]

    // tag::parallel[]
    public static final class ParallelWorkflow extends ExampleWorkflow {
        @Override
        public String id() {
            return "parallel-workflow";
        }

        @Override
        public void build(WorkflowBuilder<ExampleData> builder) {
            builder
                .startWith(InitializeStep.class)
                .parallel()
                    .branch(branch1 -> branch1
                        .startWith(ProcessTypeAStep.class)
                        .then(ValidateTypeAStep.class))
                    .branch(branch2 -> branch2
                        .startWith(ProcessTypeBStep.class)
                        .then(ValidateTypeBStep.class))
                .joinWith(CombineResultsStep.class)
                .then(FinalizeStep.class);
        }
    }
    // end::parallel[]

    // tag::conditional[]
    public static final class ConditionalWorkflow extends ExampleWorkflow {
        @Override
        public String id() {
            return "conditional-workflow";
        }

        @Override
        public void build(WorkflowBuilder<ExampleData> builder) {
            builder
                .startWith(CheckConditionStep.class)
                .when("condition == 'A'", data -> data.condition.equals("A"))
                    .then(then -> then
                        .startWith(ProcessPathAStep.class)
                        .then(ValidatePathAStep.class))
                .when("condition == 'B'", data -> data.condition.equals("B"))
                    .then(then -> then
                        .startWith(ProcessPathBStep.class)
                        .then(ValidatePathBStep.class))
                .then(FinalizeStep.class);
        }
    }
    // end::conditional[]

    // tag::loop[]
    public static final class LoopWorkflow extends ExampleWorkflow {
        @Override
        public String id() {
            return "loop-workflow";
        }

        @Override
        public void build(WorkflowBuilder<ExampleData> builder) {
            builder
                .startWith(InitializeStep.class)
                .forEach("items", data -> data.items)
                    .then(then -> then
                        .startWith(ProcessItemStep.class)
                        .then(ValidateItemStep.class))
                .then(AggregateResultsStep.class);
        }
    }
    // end::loop[]

    /** What {@code data-processing} depends on in the specification's configuration example. */
    public static final class DataValidationWorkflow extends ExampleWorkflow {
        @Override
        public String id() {
            return "data-validation";
        }

        @Override
        public void build(WorkflowBuilder<ExampleData> builder) {
            builder.startWith(ValidateInputStep.class);
        }
    }

    /** The specification's {@code config/workflows/data-processing.yml} configures this workflow. */
    public static final class DataProcessingWorkflow extends ExampleWorkflow {
        @Override
        public String id() {
            return "data-processing";
        }

        @Override
        public void build(WorkflowBuilder<ExampleData> builder) {
            builder
                .startWith(ExtractDataStep.class)
                .forEach("items", data -> data.items)
                    .then(each -> each.startWith(ProcessItemStep.class))
                .then(SaveResultsStep.class);
        }
    }

    /** The specification's {@code config/schedules/daily-reports.yml} starts this workflow every day. */
    public static final class GenerateReportsWorkflow extends ExampleWorkflow {
        @Override
        public String id() {
            return "generate-reports";
        }

        @Override
        public void build(WorkflowBuilder<ExampleData> builder) {
            builder
                .startWith(InitializeStep.class)
                .then(GenerateReportStep.class)
                .then(CleanupStep.class);
        }
    }
}
