package io.reactory.workflow.definition;

import io.reactory.workflow.api.StepBody;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects the branches of a {@code parallel()} step.
 *
 * <pre>{@code
 * .parallel()
 *     .branch(b -> b.startWith(ProcessTypeA.class).then(ValidateTypeA.class))
 *     .branch(b -> b.startWith(ProcessTypeB.class).then(ValidateTypeB.class))
 * .joinWith(CombineResults.class)
 * }</pre>
 */
public final class ParallelBuilder<D> {
    private final FlowBuilder<D> outer;
    private final Graph.Draft draft;
    private final List<Integer> branches = new ArrayList<>();

    ParallelBuilder(FlowBuilder<D> outer, Graph.Draft draft) {
        this.outer = outer;
        this.draft = draft;
    }

    /** One branch (the specification's {@code .do(branch => ...)}). */
    public ParallelBuilder<D> branch(Consumer<FlowBuilder<D>> branch) {
        branches.add(outer.buildChain(draft.id, branch, "branch"));
        draft.kind = new StepKind.Parallel(branches);
        return this;
    }

    /** Ends the branches: the flow continues once all of them completed. */
    public FlowBuilder<D> join() {
        if (branches.isEmpty()) {
            throw outer.graph.error("parallel step '" + draft.name + "' has no branch");
        }
        return outer;
    }

    /** {@code join().then(stepType)}, the specification's {@code joinWith}. */
    public <S extends StepBody<D>> StepBuilder<D, S> joinWith(Class<S> stepType) {
        return join().then(stepType);
    }
}
