package io.reactory.workflow.definition;

import java.util.ArrayList;
import java.util.List;

/** Renders a definition as a Mermaid {@code flowchart TD}: chains as arrows, containers as forks and loops. */
final class MermaidExporter {
    private final WorkflowDefinition definition;
    private final StringBuilder out = new StringBuilder();

    /** Where a rendered fragment can be left: a node and the label of the edge leaving it. */
    private record Exit(String node, String label) {}

    private record Fragment(String entry, List<Exit> exits) {}

    MermaidExporter(WorkflowDefinition definition) {
        this.definition = definition;
    }

    String render() {
        out.append("flowchart TD\n");
        out.append("    start((\"start\"))\n");
        Fragment main = chain(definition.start());
        edge(new Exit("start", null), main.entry());
        out.append("    finish((\"end\"))\n");
        for (Exit exit : main.exits()) {
            edge(exit, "finish");
        }
        return out.toString();
    }

    private Fragment chain(int first) {
        String entry = null;
        List<Exit> exits = List.of();
        for (int id = first; id >= 0; id = definition.step(id).next()) {
            Fragment fragment = node(definition.step(id));
            if (entry == null) {
                entry = fragment.entry();
            } else {
                for (Exit exit : exits) {
                    edge(exit, fragment.entry());
                }
            }
            exits = fragment.exits();
        }
        return new Fragment(entry, exits);
    }

    private Fragment node(StepNode step) {
        String id = "s" + step.id();
        String name = escape(step.name());
        return switch (step.kind()) {
            case StepKind.Task task -> {
                line(id + "[\"" + name + "\"]");
                compensation(step, id);
                yield new Fragment(id, List.of(new Exit(id, null)));
            }
            case StepKind.Parallel parallel -> {
                line(id + "{{\"" + name + "\"}}");
                String join = id + "_join";
                line(join + "{{\"join\"}}");
                for (int branch : parallel.branches()) {
                    Fragment body = chain(branch);
                    edge(new Exit(id, null), body.entry());
                    body.exits().forEach(exit -> edge(exit, join));
                }
                yield new Fragment(id, List.of(new Exit(join, null)));
            }
            case StepKind.If condition -> {
                line(id + "{\"" + name + describe(condition.description()) + "\"}");
                Fragment body = chain(condition.body());
                edge(new Exit(id, "yes"), body.entry());
                List<Exit> exits = new ArrayList<>(body.exits());
                exits.add(new Exit(id, "no"));
                yield new Fragment(id, exits);
            }
            case StepKind.Decide decide -> {
                line(id + "{\"" + name + describe(decide.description()) + "\"}");
                List<Exit> exits = new ArrayList<>();
                decide.cases().forEach((value, branch) -> {
                    Fragment body = chain(branch);
                    edge(new Exit(id, String.valueOf(value)), body.entry());
                    exits.addAll(body.exits());
                });
                if (decide.otherwise() >= 0) {
                    Fragment body = chain(decide.otherwise());
                    edge(new Exit(id, "otherwise"), body.entry());
                    exits.addAll(body.exits());
                } else {
                    exits.add(new Exit(id, "otherwise"));
                }
                yield new Fragment(id, exits);
            }
            case StepKind.ForEach loop -> loop(id, name + describe(loop.description())
                    + (loop.parallel() ? " (parallel)" : ""), loop.body(), "each item");
            case StepKind.While loop -> loop(id, name + describe(loop.description()), loop.body(), "while true");
            case StepKind.Saga saga -> {
                out.append("    subgraph ").append(id).append("_saga[\"").append(name).append("\"]\n");
                Fragment body = chain(saga.body());
                out.append("    end\n");
                yield body;
            }
            case StepKind.Delay delay -> {
                line(id + "([\"" + name + describe(delay.description()) + "\"])");
                yield new Fragment(id, List.of(new Exit(id, null)));
            }
            case StepKind.WaitFor wait -> {
                line(id + ">\"" + name + describe(wait.keyDescription()) + "\"]");
                yield new Fragment(id, List.of(new Exit(id, null)));
            }
            case StepKind.End end -> {
                line(id + "(((\"" + name + "\")))");
                yield new Fragment(id, List.of());
            }
        };
    }

    private Fragment loop(String id, String label, int bodyStart, String edgeLabel) {
        line(id + "[[\"" + label + "\"]]");
        Fragment body = chain(bodyStart);
        edge(new Exit(id, edgeLabel), body.entry());
        for (Exit exit : body.exits()) {
            out.append("    ").append(exit.node()).append(" -.-> ").append(id).append('\n');
        }
        return new Fragment(id, List.of(new Exit(id, "done")));
    }

    private void compensation(StepNode step, String id) {
        int start = step.policy().compensation();
        if (start >= 0) {
            Fragment body = chain(start);
            out.append("    ").append(id).append(" -. compensate .-> ").append(body.entry()).append('\n');
        }
    }

    private void line(String text) {
        out.append("    ").append(text).append('\n');
    }

    private void edge(Exit from, String to) {
        out.append("    ").append(from.node());
        if (from.label() != null) {
            out.append(" -->|\"").append(escape(from.label())).append("\"| ");
        } else {
            out.append(" --> ");
        }
        out.append(to).append('\n');
    }

    private static String describe(String description) {
        return description == null ? "" : ": " + escape(description);
    }

    private static String escape(String text) {
        return text.replace("\"", "#quot;").replace("\n", " ");
    }
}
