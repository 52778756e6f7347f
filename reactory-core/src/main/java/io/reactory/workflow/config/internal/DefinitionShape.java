package io.reactory.workflow.config.internal;

import io.reactory.workflow.definition.StepKind;
import io.reactory.workflow.definition.StepNode;
import io.reactory.workflow.definition.WorkflowDefinition;
import java.util.StringJoiner;

/**
 * A definition graph as comparable text: nodes with their kinds, names, links and (in {@link #full}) policies and
 * descriptions. Functions (conditions, mappings) cannot be compared and are left out; their descriptions stand in.
 */
public final class DefinitionShape {
    private DefinitionShape() {}

    /** Nodes, names, kinds and links: what running instances rely on (pointers refer to node ids). */
    public static String of(WorkflowDefinition definition) {
        return render(definition, false);
    }

    /** {@link #of} plus per-step policies, descriptions and the workflow options. */
    public static String full(WorkflowDefinition definition) {
        return render(definition, true) + "options " + definition.options() + "\n";
    }

    private static String render(WorkflowDefinition definition, boolean full) {
        StringBuilder out = new StringBuilder();
        out.append(definition.id()).append(" v").append(definition.version().text()).append(" start ")
                .append(definition.start()).append('\n');
        for (StepNode node : definition.steps()) {
            out.append(node.id()).append(' ').append(node.name()).append(' ').append(node.kind().label())
                    .append(" next=").append(node.next()).append(" parent=").append(node.parent())
                    .append(" compensation=").append(node.policy().compensation()).append(' ')
                    .append(kind(node.kind(), full));
            if (full) {
                out.append(" retry=").append(node.policy().retry()).append(" onError=").append(node.policy().onError())
                        .append(" timeout=").append(node.policy().timeout()).append(" breaker=")
                        .append(node.policy().circuitBreaker());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String kind(StepKind kind, boolean full) {
        return switch (kind) {
            case StepKind.Task t -> "";
            case StepKind.Parallel p -> "branches=" + p.branches();
            case StepKind.If i -> "body=" + i.body() + (full ? " when=" + i.description() : "");
            case StepKind.Decide d -> {
                StringJoiner cases = new StringJoiner(",", "{", "}");
                d.cases().forEach((value, start) -> cases.add(value + "=" + start));
                yield "cases=" + cases + " otherwise=" + d.otherwise() + (full ? " on=" + d.description() : "");
            }
            case StepKind.ForEach f -> "body=" + f.body() + " parallel=" + f.parallel() + (full ? " items=" + f.description() : "");
            case StepKind.While w -> "body=" + w.body() + (full ? " while=" + w.description() : "");
            case StepKind.Saga s -> "body=" + s.body() + " continue=" + s.continueAfterCompensation();
            case StepKind.Delay d -> full ? "delay=" + d.description() : "";
            case StepKind.WaitFor w -> "event=" + w.eventName() + (full ? " key=" + w.keyDescription() : "");
            case StepKind.End e -> "";
        };
    }
}
