package io.reactory.examples;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.api.StepContext;
import io.reactory.workflow.config.StepTypeProvider;
import io.reactory.workflow.config.StepTypeRegistry;
import java.util.List;
import java.util.Map;

/**
 * Step types the example YAML workflows ({@code config/definitions/}) use by name. A step type gets its inputs
 * through its public fields and hands its results back the same way; it does not touch the workflow data itself,
 * so it works in any declarative workflow.
 */
public final class DeclarativeSteps implements StepTypeProvider {

    @Override
    public void register(StepTypeRegistry registry) {
        registry.register("validate-records", ValidateRecords.class)
                .register("transform-batch", TransformBatch.class)
                .register("generate-report", GenerateReport.class)
                .register("log", Log.class);
    }

    /** Counts the records that have an id. Inputs: {@code records}; outputs: {@code valid}, {@code invalid}. */
    public static final class ValidateRecords implements StepBody<Map<String, Object>> {
        public List<Map<String, Object>> records = List.of();
        public int valid;
        public int invalid;

        @Override
        public ExecutionResult run(StepContext<Map<String, Object>> context) {
            valid = (int) records.stream().filter(r -> r.get("id") != null).count();
            invalid = records.size() - valid;
            return ExecutionResult.next();
        }
    }

    /** Pretends to transform a batch. Inputs: {@code batchSize}, {@code format}; output: {@code processed}. */
    public static final class TransformBatch implements StepBody<Map<String, Object>> {
        public int batchSize;
        public String format = "json";
        public int processed;

        @Override
        public ExecutionResult run(StepContext<Map<String, Object>> context) {
            processed = batchSize;
            return ExecutionResult.next();
        }
    }

    /** Pretends to write a report. Inputs: {@code type}, {@code outputPath}; output: {@code file}. */
    public static final class GenerateReport implements StepBody<Map<String, Object>> {
        public String type;
        public String outputPath = "/tmp";
        public String file;

        @Override
        public ExecutionResult run(StepContext<Map<String, Object>> context) {
            file = outputPath + "/" + type + ".json";
            return ExecutionResult.next();
        }
    }

    /** Logs a message. Input: {@code message}. */
    public static final class Log implements StepBody<Map<String, Object>> {
        public String message;

        @Override
        public ExecutionResult run(StepContext<Map<String, Object>> context) {
            org.slf4j.LoggerFactory.getLogger(Log.class).info("{}: {}", context.workflowId(), message);
            return ExecutionResult.next();
        }
    }
}
