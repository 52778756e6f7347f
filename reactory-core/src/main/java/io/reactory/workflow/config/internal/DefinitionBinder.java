package io.reactory.workflow.config.internal;

import io.reactory.workflow.config.StepTypeRegistry;
import io.reactory.workflow.config.expression.Expression;
import io.reactory.workflow.config.expression.ExpressionException;
import io.reactory.workflow.config.expression.ExpressionSandbox;
import io.reactory.workflow.config.expression.ExpressionSandbox.ResultType;
import io.reactory.workflow.definition.DefinitionException;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a declarative workflow definition ({@code definitions/*.yml}) into a {@link WorkflowDefinition} built with
 * the same builder as Java workflows. Step types come from the {@link StepTypeRegistry} allow-list; conditions and
 * mappings are sandboxed expressions compiled while reading, so a mistake is reported with its line and column.
 */
public final class DefinitionBinder implements ConfigLoader.DefinitionReader {
    static final List<String> KINDS = List.of("step", "parallel", "if", "foreach", "while", "decide", "delay",
            "waitFor", "saga", "end");
    private static final Set<String> DATA = Set.of("data");
    private static final Set<String> INPUT = Set.of("data", "item", "index", "workflow");
    private static final Set<String> OUTPUT = Set.of("data", "item", "index", "workflow", "result");
    private static final Set<String> EVENT = Set.of("data", "event");

    private final StepTypeRegistry stepTypes;
    private final ExpressionSandbox sandbox;

    public DefinitionBinder(StepTypeRegistry stepTypes, ExpressionSandbox sandbox) {
        this.stepTypes = stepTypes;
        this.sandbox = sandbox;
    }

    @Override
    public WorkflowDefinition read(YNode root, Problems problems) {
        int before = problems.errorCount();
        Fields f = Fields.of(root, "", problems);
        String id = WorkflowConfigBinder.id(f, "id", true);
        String version = WorkflowConfigBinder.version(f, "version");
        String description = f.string("description", false);
        Duration timeout = PolicyFields.duration(f, "timeout");
        RetryOptions retry = PolicyFields.retry(f.object("defaultRetry", false));
        ErrorBehavior onError = PolicyFields.onError(f);
        YNode.YList steps = f.list("steps");
        if (steps == null && f.node("steps") == null) {
            f.missing("steps");
        }
        Names names = new Names(problems);
        List<StepSpec> specs = steps == null ? List.of() : chain(steps, "steps", problems, names);
        f.finish();
        if (steps != null && steps.items().isEmpty()) {
            problems.error(steps.origin(), "steps", "a workflow needs at least one step");
        }
        if (problems.errorCount() > before || id == null) {
            return null;
        }
        try {
            return DefinitionAssembler.assemble(id, version == null ? "1" : version, description, timeout, retry,
                    onError, specs);
        } catch (DefinitionException | IllegalArgumentException e) {
            problems.error(root.origin(), "steps", e.getMessage());
            return null;
        }
    }

    /** Step names must be unique within a definition (they name history, metrics and diagram nodes). */
    private static final class Names {
        private final Problems problems;
        private final Map<String, YNode.Origin> seen = new HashMap<>();

        Names(Problems problems) {
            this.problems = problems;
        }

        String claim(String name, YNode.Origin at, String path) {
            YNode.Origin first = seen.putIfAbsent(name, at);
            if (first != null) {
                problems.error(at, path, "step name '" + name + "' is already used at line " + first.line()
                        + "; give this step another 'name'");
                return null;
            }
            return name;
        }
    }

    private List<StepSpec> chain(YNode.YList list, String path, Problems problems, Names names) {
        List<StepSpec> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            StepSpec spec = step(list.items().get(i), path + "[" + i + "]", problems, names);
            if (spec != null) {
                out.add(spec);
            }
        }
        return out;
    }

    private List<StepSpec> body(Fields f, String key, Problems problems, Names names) {
        YNode.YList list = f.list(key);
        if (list == null) {
            if (f.node(key) == null) {
                f.missing(key);
            }
            return List.of();
        }
        if (list.items().isEmpty()) {
            problems.error(list.origin(), f.path(key), "must list at least one step");
        }
        return chain(list, f.path(key), problems, names);
    }

    private StepSpec step(YNode node, String path, Problems problems, Names names) {
        Fields f = Fields.of(node, path, problems);
        List<String> kinds = f.map().entries().keySet().stream().filter(KINDS::contains).toList();
        if (kinds.size() != 1) {
            if (kinds.isEmpty()) {
                String hint = f.map().entries().keySet().stream().map(k -> Suggestions.closest(k, KINDS))
                        .filter(java.util.Objects::nonNull).findFirst().map(k -> "; did you mean '" + k + "'?").orElse("");
                problems.error(node.origin(), path, "a step needs one of " + String.join(", ", KINDS) + hint);
            } else {
                problems.error(f.map().keyOrigin(kinds.get(1)), path, "a step has one kind but this one has both '"
                        + kinds.get(0) + "' and '" + kinds.get(1) + "'");
            }
            return null;
        }
        String kind = kinds.get(0);
        String name = f.string("name", false);
        if (name != null) {
            name = names.claim(name, f.at("name"), f.path("name"));
        }
        StepSpec spec = switch (kind) {
            case "step" -> task(f, name, problems, names);
            case "parallel" -> {
                YNode.YList branches = f.list("parallel");
                List<List<StepSpec>> out = new ArrayList<>();
                if (branches != null) {
                    for (int i = 0; i < branches.items().size(); i++) {
                        YNode branch = branches.items().get(i);
                        String at = f.path("parallel") + "[" + i + "]";
                        if (branch instanceof YNode.YList steps && !steps.items().isEmpty()) {
                            out.add(chain(steps, at, problems, names));
                        } else {
                            problems.error(branch.origin(), at, "a branch is a non-empty list of steps");
                        }
                    }
                    if (branches.items().isEmpty()) {
                        problems.error(branches.origin(), f.path("parallel"), "a parallel step needs at least one branch");
                    }
                }
                yield new StepSpec.Parallel(name, out);
            }
            case "if" -> new StepSpec.If(name, expression(f, "if", DATA, ResultType.BOOL), body(f, "do", problems, names));
            case "while" -> new StepSpec.While(name, expression(f, "while", DATA, ResultType.BOOL), body(f, "do", problems, names));
            case "foreach" -> {
                Expression items = expression(f, "foreach", DATA, ResultType.LIST);
                Boolean parallel = f.bool("inParallel");
                yield new StepSpec.ForEach(name, items, parallel != null && parallel, body(f, "do", problems, names));
            }
            case "decide" -> decide(f, name, problems, names);
            case "delay" -> delay(f, name);
            case "waitFor" -> {
                String event = f.string("waitFor", true);
                Expression key = expression(f, "key", DATA, ResultType.ANY);
                if (key == null && f.node("key") == null) {
                    f.missing("key");
                }
                yield new StepSpec.WaitFor(name, event, key, outputs(f, "output", EVENT));
            }
            case "saga" -> {
                List<StepSpec> body = body(f, "saga", problems, names);
                Boolean keepGoing = f.bool("continueAfterCompensation");
                yield new StepSpec.Saga(name, body, keepGoing != null && keepGoing);
            }
            default -> {
                Boolean end = f.bool("end");
                if (end != null && !end) {
                    problems.error(f.at("end"), f.path("end"), "write 'end: true' or leave the step out");
                }
                yield new StepSpec.End(name);
            }
        };
        f.finish();
        return spec;
    }

    private StepSpec task(Fields f, String name, Problems problems, Names names) {
        String typeName = f.string("step", true);
        StepTypeRegistry.StepType type = null;
        if (typeName != null) {
            type = stepTypes.find(typeName).orElse(null);
            if (type == null) {
                problems.error(f.at("step"), f.path("step"), "unknown step type '" + Fields.abbreviate(typeName) + "'"
                        + (stepTypes.names().isEmpty() ? "; no step types are registered"
                        : Suggestions.didYouMean(typeName, stepTypes.names())));
            } else if (name == null) {
                name = names.claim(typeName, f.at("step"), f.path("step"));
            }
        }
        Map<String, Expression> inputs = new LinkedHashMap<>();
        Fields in = f.object("input", false);
        if (in != null) {
            for (String property : in.map().entries().keySet()) {
                if (type != null && !type.inputs().contains(property)) {
                    problems.error(in.map().keyOrigin(property), in.path(property), "step type '" + typeName
                            + "' has no input '" + property + "'" + Suggestions.didYouMean(property, type.inputs()));
                    in.accept(property);
                    continue;
                }
                Expression e = expression(in, property, INPUT, ResultType.ANY);
                if (e != null) {
                    inputs.put(property, e);
                }
            }
            in.finish();
        }
        Map<String, Expression> outputs = outputs(f, "output", OUTPUT);
        StepSpec.Policy policy = new StepSpec.Policy(PolicyFields.retry(f.object("retry", false)), PolicyFields.onError(f),
                PolicyFields.duration(f, "timeout"),
                f.string("circuitBreaker", false));
        List<StepSpec> compensation = f.node("compensateWith") == null ? List.of() : body(f, "compensateWith", problems, names);
        return new StepSpec.Task(name, type, inputs, outputs, policy, compensation);
    }

    private Map<String, Expression> outputs(Fields f, String key, Set<String> variables) {
        Map<String, Expression> outputs = new LinkedHashMap<>();
        Fields out = f.object(key, false);
        if (out == null) {
            return outputs;
        }
        for (String target : out.map().entries().keySet()) {
            if (!DataPaths.PATH.matcher(target).matches()) {
                f.problems().error(out.map().keyOrigin(target), out.path(target), "'" + Fields.abbreviate(target)
                        + "' is not a data path (names joined by '.', e.g. order.total)");
                out.accept(target);
                continue;
            }
            Expression e = expression(out, target, variables, ResultType.ANY);
            if (e != null) {
                outputs.put(target, e);
            }
        }
        out.finish();
        return outputs;
    }

    private StepSpec decide(Fields f, String name, Problems problems, Names names) {
        Expression selector = expression(f, "decide", DATA, ResultType.ANY);
        Map<Object, List<StepSpec>> cases = new LinkedHashMap<>();
        Fields branches = f.object("branches", false);
        if (branches != null) {
            for (Map.Entry<String, YNode> entry : branches.map().entries().entrySet()) {
                branches.accept(entry.getKey());
                Object value = caseValue(branches.map().keyOrigin(entry.getKey()), entry.getKey());
                if (entry.getValue() instanceof YNode.YList steps && !steps.items().isEmpty()) {
                    cases.put(value, chain(steps, branches.path(entry.getKey()), problems, names));
                } else {
                    problems.error(entry.getValue().origin(), branches.path(entry.getKey()), "a branch is a non-empty list of steps");
                }
            }
            branches.finish();
        }
        List<StepSpec> otherwise = f.node("otherwise") == null ? null : body(f, "otherwise", problems, names);
        if (cases.isEmpty() && otherwise == null && branches == null) {
            f.missing("branches");
        }
        return new StepSpec.Decide(name, selector, cases, otherwise);
    }

    /** Branch keys are compared with the selector's value: numbers and booleans as such, the rest as text. */
    private static Object caseValue(YNode.Origin at, String key) {
        Long number = key.matches("-?\\d{1,18}") ? Long.parseLong(key) : null;
        if (number != null) {
            return number;
        }
        return switch (key) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> key;
        };
    }

    private StepSpec delay(Fields f, String name) {
        YNode value = f.node("delay");
        if (value instanceof YNode.YMap) {
            Fields d = f.object("delay", true);
            Expression computed = expression(d, "expression", DATA, ResultType.ANY);
            if (computed == null && d.node("expression") == null) {
                d.missing("expression");
            }
            d.finish();
            return new StepSpec.Delay(name, null, computed);
        }
        return new StepSpec.Delay(name, PolicyFields.duration(f, "delay"), null);
    }

    private Expression expression(Fields f, String key, Set<String> variables, ResultType type) {
        YNode node = f.node(key);
        if (node == null) {
            return null;
        }
        if (!(node instanceof YNode.YScalar scalar)) {
            f.problems().error(node.origin(), f.path(key), "must be an expression (a string) but is " + node.describe());
            return null;
        }
        String source = scalar.value() instanceof String s ? s : scalar.text();
        try {
            return sandbox.compile(source, variables, type);
        } catch (ExpressionException e) {
            YNode.Origin at = scalar.origin();
            boolean singleLine = !source.contains("\n");
            int column = singleLine ? at.column() + (scalar.quoted() ? 1 : 0) + Math.max(0, e.column() - 1) : at.column();
            f.problems().error(new YNode.Origin(at.file(), at.line(), column), f.path(key), e.getMessage());
            return null;
        }
    }
}
