package io.reactory.workflow.definition;

/** Options of a saga step; by default the workflow fails once the compensations have run. */
public final class SagaBuilder<D> extends FlowBuilder<D> {
    private final Graph.Draft draft;

    SagaBuilder(Graph graph, Graph.Chain chain, Graph.Draft draft) {
        super(graph, chain);
        this.draft = draft;
    }

    /** After compensating, continue with the step after the saga instead of failing the workflow. */
    public SagaBuilder<D> continueAfterCompensation() {
        StepKind.Saga saga = (StepKind.Saga) draft.kind;
        draft.kind = new StepKind.Saga(saga.body(), true);
        return this;
    }

    @Override
    public SagaBuilder<D> name(String name) {
        super.name(name);
        return this;
    }
}
