package io.reactory.workflow.definition;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The branches of a {@code decide(selector)} step: the branch whose value equals the selector's result runs.
 *
 * <pre>{@code
 * .decide(order -> order.country())
 *     .branch("DE", b -> b.startWith(GermanVat.class))
 *     .branch("FR", b -> b.startWith(FrenchVat.class))
 *     .otherwise(b -> b.startWith(NoVat.class))
 * .end()
 * }</pre>
 */
public final class DecideBuilder<D> {
    private final FlowBuilder<D> outer;
    private final Graph.Draft draft;
    private final Map<Object, Integer> cases = new LinkedHashMap<>();
    private int otherwise = -1;

    DecideBuilder(FlowBuilder<D> outer, Graph.Draft draft) {
        this.outer = outer;
        this.draft = draft;
    }

    public DecideBuilder<D> branch(Object value, Consumer<FlowBuilder<D>> branch) {
        Objects.requireNonNull(value, "value");
        if (cases.containsKey(value)) {
            throw outer.graph.error("decide step '" + draft.name + "' has two branches for value '" + value + "'");
        }
        cases.put(value, outer.buildChain(draft.id, branch, "branch"));
        return this;
    }

    /** The branch that runs when no value matches (optional: without it, no branch runs). */
    public DecideBuilder<D> otherwise(Consumer<FlowBuilder<D>> branch) {
        if (otherwise >= 0) {
            throw outer.graph.error("decide step '" + draft.name + "' has two otherwise branches");
        }
        otherwise = outer.buildChain(draft.id, branch, "otherwise branch");
        return this;
    }

    public FlowBuilder<D> end() {
        if (cases.isEmpty() && otherwise < 0) {
            throw outer.graph.error("decide step '" + draft.name + "' has no branch");
        }
        StepKind.Decide kind = (StepKind.Decide) draft.kind;
        draft.kind = new StepKind.Decide(kind.selector(), kind.description(), cases, otherwise);
        return outer;
    }
}
