package io.reactory.examples;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.api.StepContext;

/** The step classes the specification's definition patterns name. Each records that it ran. */
public final class ExampleSteps {
    private ExampleSteps() {}

    /** Records the step's class name (and the loop item inside forEach). */
    public abstract static class Recording implements StepBody<ExampleData> {
        @Override
        public ExecutionResult run(StepContext<ExampleData> ctx) {
            Object item = ctx.item();
            ctx.data().record(item == null ? getClass().getSimpleName() : getClass().getSimpleName() + "(" + item + ")");
            return ExecutionResult.next();
        }
    }

    public static class InitializeStep extends Recording {}

    public static class ProcessDataStep extends Recording {
        @Override
        public ExecutionResult run(StepContext<ExampleData> ctx) {
            ctx.data().processed += ctx.data().items.size();
            return super.run(ctx);
        }
    }

    public static class SaveResultsStep extends Recording {}

    public static class CleanupStep extends Recording {}

    public static class ProcessTypeAStep extends Recording {}

    public static class ValidateTypeAStep extends Recording {}

    public static class ProcessTypeBStep extends Recording {}

    public static class ValidateTypeBStep extends Recording {}

    public static class CombineResultsStep extends Recording {}

    public static class FinalizeStep extends Recording {}

    public static class CheckConditionStep extends Recording {}

    public static class ProcessPathAStep extends Recording {}

    public static class ValidatePathAStep extends Recording {}

    public static class ProcessPathBStep extends Recording {}

    public static class ValidatePathBStep extends Recording {}

    public static class ProcessItemStep extends Recording {}

    public static class ValidateItemStep extends Recording {}

    public static class AggregateResultsStep extends Recording {}

    public static class ValidateInputStep extends Recording {}

    public static class ExtractDataStep extends Recording {}

    public static class GenerateReportStep extends Recording {
        @Override
        public ExecutionResult run(StepContext<ExampleData> ctx) {
            ctx.data().record("report " + (ctx.data().reportType == null ? "adhoc" : ctx.data().reportType));
            return ExecutionResult.next();
        }
    }
}
