package io.reactory.workflow.definition;

import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The builder returned after a step was appended: configures that step (input and output mappings, retries,
 * compensation) and goes on appending to the same chain.
 *
 * <pre>{@code
 * builder.startWith(Reserve.class)
 *            .input((step, order) -> step.sku = order.sku)
 *            .output((step, order) -> order.reservationId = step.reservationId)
 *            .compensateWith(Release.class)
 *        .then(Charge.class);
 * }</pre>
 *
 * @param <D> the workflow's data type
 * @param <S> the step's type
 */
public final class StepBuilder<D, S> extends FlowBuilder<D> {
    private final Graph.Draft draft;

    StepBuilder(Graph graph, Graph.Chain chain, Graph.Draft draft) {
        super(graph, chain);
        this.draft = draft;
    }

    /** Sets the step's fields from the workflow data before it runs. */
    @SuppressWarnings("unchecked")
    public StepBuilder<D, S> input(BiConsumer<S, D> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        StepKind.Task task = task();
        draft.kind = new StepKind.Task(task.factory(), task.bodyType(), (BiConsumer<Object, Object>) mapping, task.output());
        return this;
    }

    /** Copies the step's results into the workflow data after it succeeded. */
    @SuppressWarnings("unchecked")
    public StepBuilder<D, S> output(BiConsumer<S, D> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        StepKind.Task task = task();
        draft.kind = new StepKind.Task(task.factory(), task.bodyType(), task.input(), (BiConsumer<Object, Object>) mapping);
        return this;
    }

    /** The step class that undoes this step; runs if a later step of the saga fails for good. */
    public StepBuilder<D, S> compensateWith(Class<? extends StepBody<D>> stepType) {
        return compensateWith(chain -> chain.then(stepType));
    }

    /** The lambda that undoes this step. */
    public StepBuilder<D, S> compensateWith(String name, StepBody<D> body) {
        return compensateWith(chain -> chain.then(name, body));
    }

    /** A chain of steps that undoes this step. */
    public StepBuilder<D, S> compensateWith(Consumer<FlowBuilder<D>> compensation) {
        if (draft.policy.compensation() >= 0) {
            throw graph.error("step '" + draft.name + "' already has a compensation");
        }
        int start = buildChain(draft.id, compensation, "compensation");
        draft.policy = draft.policy.withCompensation(start);
        return this;
    }

    @Override
    public StepBuilder<D, S> name(String name) {
        draft.name = requireName(name);
        draft.explicitName = true;
        return this;
    }

    @Override
    public StepBuilder<D, S> retry(RetryOptions options) {
        draft.policy = draft.policy.withRetry(Objects.requireNonNull(options, "options"));
        return this;
    }

    @Override
    public StepBuilder<D, S> onError(ErrorBehavior behavior) {
        draft.policy = draft.policy.withOnError(Objects.requireNonNull(behavior, "behavior"));
        return this;
    }

    @Override
    public StepBuilder<D, S> timeout(Duration timeout) {
        super.timeout(timeout);
        return this;
    }

    @Override
    public StepBuilder<D, S> circuitBreaker(String dependency) {
        super.circuitBreaker(dependency);
        return this;
    }

    private StepKind.Task task() {
        if (draft.kind instanceof StepKind.Task task) {
            return task;
        }
        throw graph.error("input and output mappings apply to task steps only");
    }
}
