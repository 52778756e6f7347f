package io.reactory.workflow.config.internal;

import io.reactory.workflow.api.EventData;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.config.expression.Expression;
import io.reactory.workflow.config.expression.ExpressionException;
import io.reactory.workflow.definition.FlowBuilder;
import io.reactory.workflow.definition.StepBuilder;
import io.reactory.workflow.definition.WorkflowBuilder;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands checked {@link StepSpec}s to the Java builder, so a YAML workflow and the same workflow written in Java
 * produce the same graph. The data of a declarative workflow is a JSON object ({@code Map}); expressions see it as
 * {@code data}.
 */
final class DefinitionAssembler {
    private DefinitionAssembler() {}

    @SuppressWarnings({"rawtypes", "unchecked"})
    static WorkflowDefinition assemble(String id, String version, String description, Duration timeout,
                                       RetryOptions retry, ErrorBehavior onError, List<StepSpec> steps) {
        return WorkflowDefinition.define(id, version, (Class<Map>) (Class) Map.class, b -> {
            WorkflowBuilder<Map> builder = b;
            if (description != null) {
                builder.description(description);
            }
            if (timeout != null) {
                builder.workflowTimeout(timeout);
            }
            if (retry != null) {
                builder.defaultRetry(retry);
            }
            if (onError != null) {
                builder.defaultOnError(onError);
            }
            chain(builder, steps);
        });
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static void chain(FlowBuilder<Map> b, List<StepSpec> steps) {
        for (StepSpec spec : steps) {
            switch (spec) {
                case StepSpec.Task t -> {
                    StepBuilder<Map, StepBody<Map>> step = b.then(t.name(),
                            (StepBody) new DeclarativeStep(t.type(), t.inputs(), t.outputs()));
                    StepSpec.Policy p = t.policy();
                    if (p.retry() != null) {
                        step.retry(p.retry());
                    }
                    if (p.onError() != null) {
                        step.onError(p.onError());
                    }
                    if (p.timeout() != null) {
                        step.timeout(p.timeout());
                    }
                    if (p.circuitBreaker() != null) {
                        step.circuitBreaker(p.circuitBreaker());
                    }
                    if (!t.compensation().isEmpty()) {
                        step.compensateWith(c -> chain(c, t.compensation()));
                    }
                }
                case StepSpec.Parallel p -> {
                    var parallel = b.parallel();
                    p.branches().forEach(branch -> parallel.branch(inner -> chain(inner, branch)));
                    parallel.join();
                    name(b, p.name());
                }
                case StepSpec.If i -> {
                    Expression condition = i.condition();
                    b.when(condition.source(), data -> condition.test(Map.of("data", data))).then(inner -> chain(inner, i.body()));
                    name(b, i.name());
                }
                case StepSpec.While w -> {
                    Expression condition = w.condition();
                    b.repeatWhile(condition.source(), data -> condition.test(Map.of("data", data)))
                            .then(inner -> chain(inner, w.body()));
                    name(b, w.name());
                }
                case StepSpec.ForEach f -> {
                    Expression items = f.items();
                    var loop = b.forEach(items.source(), data -> list(items.evaluate(Map.of("data", data)), items));
                    if (f.parallel()) {
                        loop.inParallel();
                    }
                    loop.then(inner -> chain(inner, f.body()));
                    name(b, f.name());
                }
                case StepSpec.Decide d -> {
                    Expression selector = d.selector();
                    var decide = b.decide(selector.source(), data -> selector.evaluate(Map.of("data", data)));
                    d.cases().forEach((value, branch) -> decide.branch(value, inner -> chain(inner, branch)));
                    if (d.otherwise() != null) {
                        decide.otherwise(inner -> chain(inner, d.otherwise()));
                    }
                    decide.end();
                    name(b, d.name());
                }
                case StepSpec.Delay d -> {
                    if (d.fixed() != null) {
                        b.delay(d.fixed());
                    } else {
                        Expression computed = d.computed();
                        b.delay(data -> duration(computed.evaluate(Map.of("data", data)), computed));
                    }
                    name(b, d.name());
                }
                case StepSpec.WaitFor w -> {
                    Expression key = w.key();
                    var wait = b.waitFor(w.event(), key.source(), data -> String.valueOf(key.evaluate(Map.of("data", data))));
                    if (!w.outputs().isEmpty()) {
                        wait.output((data, event) -> eventOutputs(data, event, w.outputs()));
                    }
                    name(b, w.name());
                }
                case StepSpec.Saga s -> {
                    var saga = b.saga(inner -> chain(inner, s.body()));
                    if (s.continueAfterCompensation()) {
                        saga.continueAfterCompensation();
                    }
                    name(b, s.name());
                }
                case StepSpec.End e -> {
                    b.endWorkflow();
                    name(b, e.name());
                }
            }
        }
    }

    private static void name(FlowBuilder<?> b, String name) {
        if (name != null) {
            b.name(name);
        }
    }

    private static Iterable<?> list(Object value, Expression source) {
        if (value instanceof Iterable<?> items) {
            return items;
        }
        throw new ExpressionException("foreach '" + source.source() + "' did not evaluate to a list", 0);
    }

    private static Duration duration(Object value, Expression source) {
        return switch (value) {
            case Duration d -> d;
            case Long seconds -> Duration.ofSeconds(seconds);
            case Double seconds -> Duration.ofMillis((long) (seconds * 1000));
            case String text -> Duration.parse(text);
            case null, default -> throw new ExpressionException("delay '" + source.source()
                    + "' did not evaluate to a duration or a number of seconds", 0);
        };
    }

    private static void eventOutputs(Object data, EventData event, Map<String, Expression> outputs) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("data", data);
        variables.put("event", event.data() == null ? null : Json.convert(event.data(), Object.class));
        Map<String, Object> values = new HashMap<>();
        outputs.forEach((path, expression) -> values.put(path, expression.evaluate(variables)));
        values.forEach((path, value) -> DataPaths.set(data, path, value));
    }
}
