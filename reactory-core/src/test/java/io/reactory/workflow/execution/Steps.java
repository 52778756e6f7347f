package io.reactory.workflow.execution;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.api.StepContext;

/** Step classes for the scenario tests: each appends its name (and the loop item, if any) to the data's trace. */
final class Steps {
    private Steps() {}

    abstract static class Tracing implements StepBody<TestData> {
        @Override
        public ExecutionResult run(StepContext<TestData> ctx) {
            String name = getClass().getSimpleName();
            ctx.data().trace.add(ctx.item() == null ? name : name + ":" + ctx.item());
            return ExecutionResult.next();
        }
    }

    public static class InitializeStep extends Tracing {}

    public static class ProcessDataStep extends Tracing {}

    public static class SaveResultsStep extends Tracing {}

    public static class CleanupStep extends Tracing {}

    public static class ProcessTypeAStep extends Tracing {}

    public static class ValidateTypeAStep extends Tracing {}

    public static class ProcessTypeBStep extends Tracing {}

    public static class ValidateTypeBStep extends Tracing {}

    public static class CombineResultsStep extends Tracing {}

    public static class FinalizeStep extends Tracing {}

    public static class CheckConditionStep extends Tracing {}

    public static class ProcessPathAStep extends Tracing {}

    public static class ValidatePathAStep extends Tracing {}

    public static class ProcessPathBStep extends Tracing {}

    public static class ValidatePathBStep extends Tracing {}

    public static class ProcessItemStep extends Tracing {}

    public static class ValidateItemStep extends Tracing {}

    public static class AggregateResultsStep extends Tracing {}

    /** Has an input and an output field, for mapping tests. */
    public static class DoubleIt implements StepBody<TestData> {
        public int in;
        public int out;

        @Override
        public ExecutionResult run(StepContext<TestData> ctx) {
            out = in * 2;
            return ExecutionResult.next();
        }
    }
}
