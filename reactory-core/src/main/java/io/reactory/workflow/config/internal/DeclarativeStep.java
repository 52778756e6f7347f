package io.reactory.workflow.config.internal;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.api.StepContext;
import io.reactory.workflow.config.StepTypeRegistry;
import io.reactory.workflow.config.expression.Expression;
import io.reactory.workflow.internal.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A task of a declarative workflow: creates the registered step type, sets its inputs from the input expressions,
 * runs it, and when it completes writes the output expressions into the workflow data. Stateless (one object serves
 * every activation); thread-safe.
 */
final class DeclarativeStep implements StepBody<Object> {
    private final StepTypeRegistry.StepType type;
    private final Map<String, Expression> inputs;
    private final Map<String, Expression> outputs;

    DeclarativeStep(StepTypeRegistry.StepType type, Map<String, Expression> inputs, Map<String, Expression> outputs) {
        this.type = type;
        this.inputs = Map.copyOf(inputs);
        this.outputs = Map.copyOf(outputs);
    }

    @Override
    public ExecutionResult run(StepContext<Object> context) throws Exception {
        Map<String, Object> variables = variables(context);
        StepBody<Object> step = type.create();
        if (!inputs.isEmpty()) {
            Map<String, Object> values = new LinkedHashMap<>();
            inputs.forEach((property, expression) -> values.put(property, expression.evaluate(variables)));
            Json.mapper().updateValue(step, values);
        }
        ExecutionResult result = step.run(context);
        if (!outputs.isEmpty() && (result == null || result instanceof ExecutionResult.Next
                || result instanceof ExecutionResult.End)) {
            variables.put("result", Json.convert(step, Map.class));
            Map<String, Object> values = new LinkedHashMap<>();
            outputs.forEach((path, expression) -> values.put(path, expression.evaluate(variables)));
            values.forEach((path, value) -> DataPaths.set(context.data(), path, value));
        }
        return result;
    }

    static Map<String, Object> variables(StepContext<Object> context) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("data", context.data());
        variables.put("item", context.item());
        variables.put("index", (long) context.itemIndex());
        Map<String, Object> workflow = new HashMap<>();
        workflow.put("id", context.workflowId());
        workflow.put("version", context.workflowVersion());
        workflow.put("instanceId", context.instanceId());
        workflow.put("reference", context.reference());
        variables.put("workflow", workflow);
        return variables;
    }

    @Override
    public String toString() {
        return "step type '" + type.name() + "'";
    }
}
