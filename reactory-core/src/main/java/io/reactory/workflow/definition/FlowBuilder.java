package io.reactory.workflow.definition;

import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Builds one chain of steps: the main flow of a workflow, a parallel branch, the body of a condition or loop, or a
 * compensation. Every method appends to the chain, except the step options ({@link #name}, {@link #retry},
 * {@link #onError}, {@link #timeout}, {@link #circuitBreaker}) which configure the step appended last.
 *
 * <p>Builders are used once, on one thread, while {@link io.reactory.workflow.api.Workflow#build} runs.
 *
 * @param <D> the workflow's data type
 */
public class FlowBuilder<D> {
    final Graph graph;
    final Graph.Chain chain;

    FlowBuilder(Graph graph, Graph.Chain chain) {
        this.graph = graph;
        this.chain = chain;
    }

    /** The first step of the chain (the specification's {@code startWith}). */
    public <S extends StepBody<D>> StepBuilder<D, S> startWith(Class<S> stepType) {
        requireEmpty("startWith");
        return then(stepType);
    }

    /** The first step of the chain, as a lambda. */
    public StepBuilder<D, StepBody<D>> startWith(String name, StepBody<D> body) {
        requireEmpty("startWith");
        return then(name, body);
    }

    /** A step class, instantiated for each activation (public no-argument constructor, or the runner's factory). */
    public <S extends StepBody<D>> StepBuilder<D, S> then(Class<S> stepType) {
        Objects.requireNonNull(stepType, "stepType");
        Graph.Draft draft = graph.append(chain, new StepKind.Task(null, stepType, null, null), stepType.getSimpleName());
        return new StepBuilder<>(graph, chain, draft);
    }

    /** A step written as a lambda; {@code name} labels it in history, metrics and diagrams. */
    public StepBuilder<D, StepBody<D>> then(String name, StepBody<D> body) {
        Objects.requireNonNull(body, "body");
        Graph.Draft draft = graph.append(chain, new StepKind.Task(() -> body, null, null, null), requireName(name));
        draft.explicitName = true;
        return new StepBuilder<>(graph, chain, draft);
    }

    /** Branches that run side by side; {@link ParallelBuilder#join()} continues after all of them completed. */
    public ParallelBuilder<D> parallel() {
        Graph.Draft draft = graph.append(chain, new StepKind.Parallel(java.util.List.of()), "parallel");
        return new ParallelBuilder<>(this, draft);
    }

    /** The specification's {@code if}: a body that runs only when the condition holds. */
    public ConditionBuilder<D> when(Predicate<D> condition) {
        return when(null, condition);
    }

    /** {@link #when(Predicate)} with a description shown in diagrams. */
    @SuppressWarnings("unchecked")
    public ConditionBuilder<D> when(String description, Predicate<D> condition) {
        Objects.requireNonNull(condition, "condition");
        Graph.Draft draft = graph.append(chain, new StepKind.If((Predicate<Object>) condition, description, -1), "if");
        return new ConditionBuilder<>(this, draft);
    }

    /** Branch on a value: {@code decide(d -> d.kind()).branch("a", b -> ...).otherwise(b -> ...).end()}. */
    public DecideBuilder<D> decide(Function<D, ?> selector) {
        return decide(null, selector);
    }

    @SuppressWarnings("unchecked")
    public DecideBuilder<D> decide(String description, Function<D, ?> selector) {
        Objects.requireNonNull(selector, "selector");
        Graph.Draft draft = graph.append(chain,
                new StepKind.Decide((Function<Object, Object>) selector, description, java.util.Map.of(), -1), "decide");
        return new DecideBuilder<>(this, draft);
    }

    /** The specification's {@code foreach}: the body runs once per item; steps read it with {@code ctx.item()}. */
    public LoopBuilder<D> forEach(Function<D, ? extends Iterable<?>> items) {
        return forEach(null, items);
    }

    @SuppressWarnings("unchecked")
    public LoopBuilder<D> forEach(String description, Function<D, ? extends Iterable<?>> items) {
        Objects.requireNonNull(items, "items");
        Function<Object, Object> erased = (Function<Object, Object>) (Function<?, ?>) items;
        Graph.Draft draft = graph.append(chain, new StepKind.ForEach(erased, description, -1, false), "foreach");
        return new LoopBuilder<>(this, draft);
    }

    /** The specification's {@code while}: the body runs again as long as the condition holds. */
    public LoopBuilder<D> repeatWhile(Predicate<D> condition) {
        return repeatWhile(null, condition);
    }

    @SuppressWarnings("unchecked")
    public LoopBuilder<D> repeatWhile(String description, Predicate<D> condition) {
        Objects.requireNonNull(condition, "condition");
        Graph.Draft draft = graph.append(chain, new StepKind.While((Predicate<Object>) condition, description, -1), "while");
        return new LoopBuilder<>(this, draft);
    }

    /** A durable pause: the wake-up time is persisted and no thread waits. */
    public FlowBuilder<D> delay(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw graph.error("delay must not be negative: " + duration);
        }
        graph.append(chain, new StepKind.Delay(data -> duration, duration.toString()), "delay");
        return this;
    }

    /** A durable pause whose length is computed from the data when the step is reached. */
    @SuppressWarnings("unchecked")
    public FlowBuilder<D> delay(Function<D, Duration> duration) {
        Objects.requireNonNull(duration, "duration");
        graph.append(chain, new StepKind.Delay((Function<Object, Duration>) duration, null), "delay");
        return this;
    }

    /**
     * Waits until an event named {@code eventName} whose key equals {@code key(data)} is published. An event
     * published after the instance started but before it got here is delivered too.
     */
    public EventStepBuilder<D> waitFor(String eventName, Function<D, String> key) {
        return waitFor(eventName, null, key);
    }

    @SuppressWarnings("unchecked")
    public EventStepBuilder<D> waitFor(String eventName, String keyDescription, Function<D, String> key) {
        Objects.requireNonNull(key, "key");
        if (eventName == null || eventName.isBlank()) {
            throw graph.error("waitFor needs an event name");
        }
        Graph.Draft draft = graph.append(chain,
                new StepKind.WaitFor(eventName, (Function<Object, String>) key, keyDescription, null), "waitFor-" + eventName);
        return new EventStepBuilder<>(graph, chain, draft);
    }

    /**
     * A saga: when a step inside fails for good, the compensations ({@link StepBuilder#compensateWith}) of the
     * steps that completed run in reverse order.
     */
    public SagaBuilder<D> saga(Consumer<FlowBuilder<D>> body) {
        Graph.Draft draft = graph.append(chain, new StepKind.Saga(-1, false), "saga");
        int start = buildChain(draft.id, body, "saga body");
        draft.kind = new StepKind.Saga(start, false);
        return new SagaBuilder<>(graph, chain, draft);
    }

    /** Completes the workflow here; other active branches are cancelled. */
    public FlowBuilder<D> endWorkflow() {
        graph.append(chain, new StepKind.End(), "end");
        return this;
    }

    /** Names the step appended last (names are unique within a workflow). */
    public FlowBuilder<D> name(String name) {
        Graph.Draft last = last("name");
        last.name = requireName(name);
        last.explicitName = true;
        return this;
    }

    /** Retry options of the step appended last. */
    public FlowBuilder<D> retry(RetryOptions options) {
        Graph.Draft last = last("retry");
        last.policy = last.policy.withRetry(Objects.requireNonNull(options, "options"));
        return this;
    }

    /** Failure behaviour of the step appended last. */
    public FlowBuilder<D> onError(ErrorBehavior behavior) {
        Graph.Draft last = last("onError");
        last.policy = last.policy.withOnError(Objects.requireNonNull(behavior, "behavior"));
        return this;
    }

    /** Execution timeout of the step appended last: it is interrupted and counted as a retryable failure. */
    public FlowBuilder<D> timeout(Duration timeout) {
        Graph.Draft last = last("timeout");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw graph.error("step timeout must be positive but was " + timeout);
        }
        last.policy = last.policy.withTimeout(timeout);
        return this;
    }

    /** Declares the external dependency the step appended last calls; its circuit breaker guards the step. */
    public FlowBuilder<D> circuitBreaker(String dependency) {
        Graph.Draft last = last("circuitBreaker");
        last.policy = last.policy.withCircuitBreaker(requireName(dependency));
        return this;
    }

    int buildChain(int parent, Consumer<FlowBuilder<D>> body, String what) {
        Objects.requireNonNull(body, what);
        Graph.Chain inner = new Graph.Chain(parent);
        body.accept(new FlowBuilder<>(graph, inner));
        if (inner.isEmpty()) {
            throw graph.error("empty " + what + " in step '" + graph.draft(parent).name + "'");
        }
        return inner.first;
    }

    Graph.Draft last(String option) {
        if (chain.isEmpty()) {
            throw graph.error(option + "(...) must follow a step");
        }
        return graph.draft(chain.last);
    }

    private void requireEmpty(String method) {
        if (!chain.isEmpty()) {
            throw graph.error(method + " must be the first step of its chain; use then(...) afterwards");
        }
    }

    String requireName(String name) {
        if (name == null || name.isBlank()) {
            throw graph.error("step names must not be blank");
        }
        return name;
    }
}
