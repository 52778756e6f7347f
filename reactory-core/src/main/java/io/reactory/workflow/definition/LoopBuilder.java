package io.reactory.workflow.definition;

import java.util.function.Consumer;

/** The body of a {@code forEach} or {@code repeatWhile} step. */
public final class LoopBuilder<D> {
    private final FlowBuilder<D> outer;
    private final Graph.Draft draft;
    private boolean parallel;

    LoopBuilder(FlowBuilder<D> outer, Graph.Draft draft) {
        this.outer = outer;
        this.draft = draft;
    }

    /** For {@code forEach}: run the body for all items at once instead of one item after the other. */
    public LoopBuilder<D> inParallel() {
        if (!(draft.kind instanceof StepKind.ForEach)) {
            throw outer.graph.error("inParallel() applies to forEach only");
        }
        parallel = true;
        return this;
    }

    /** The steps of one iteration; the flow continues after the loop. */
    public FlowBuilder<D> then(Consumer<FlowBuilder<D>> body) {
        int start = outer.buildChain(draft.id, body, "loop body");
        draft.kind = switch (draft.kind) {
            case StepKind.ForEach f -> new StepKind.ForEach(f.items(), f.description(), start, parallel);
            case StepKind.While w -> new StepKind.While(w.condition(), w.description(), start);
            default -> throw new IllegalStateException("not a loop: " + draft.kind);
        };
        return outer;
    }
}
