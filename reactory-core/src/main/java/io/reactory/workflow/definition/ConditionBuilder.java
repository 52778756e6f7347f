package io.reactory.workflow.definition;

import java.util.function.Consumer;

/** The body of a {@code when(condition)} step (the specification's {@code .if(...).do(...)}). */
public final class ConditionBuilder<D> {
    private final FlowBuilder<D> outer;
    private final Graph.Draft draft;

    ConditionBuilder(FlowBuilder<D> outer, Graph.Draft draft) {
        this.outer = outer;
        this.draft = draft;
    }

    /** The steps that run when the condition holds; the flow continues after them either way. */
    public FlowBuilder<D> then(Consumer<FlowBuilder<D>> body) {
        StepKind.If kind = (StepKind.If) draft.kind;
        int start = outer.buildChain(draft.id, body, "body");
        draft.kind = new StepKind.If(kind.condition(), kind.description(), start);
        return outer;
    }
}
