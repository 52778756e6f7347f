package io.reactory.workflow.definition;

import io.reactory.workflow.api.EventData;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Configures a {@code waitFor} step: where the event's data goes.
 *
 * <pre>{@code
 * .waitFor("payment-received", order -> order.id)
 *     .output((order, event) -> order.paidAt = event.publishedAt())
 * }</pre>
 */
public final class EventStepBuilder<D> extends FlowBuilder<D> {
    private final Graph.Draft draft;

    EventStepBuilder(Graph graph, Graph.Chain chain, Graph.Draft draft) {
        super(graph, chain);
        this.draft = draft;
    }

    /** Copies what the event carries into the workflow data when it arrives. */
    @SuppressWarnings("unchecked")
    public EventStepBuilder<D> output(BiConsumer<D, EventData> mapping) {
        Objects.requireNonNull(mapping, "mapping");
        StepKind.WaitFor wait = (StepKind.WaitFor) draft.kind;
        draft.kind = new StepKind.WaitFor(wait.eventName(), wait.key(), wait.keyDescription(),
                (BiConsumer<Object, EventData>) (BiConsumer<?, EventData>) mapping);
        return this;
    }

    @Override
    public EventStepBuilder<D> name(String name) {
        super.name(name);
        return this;
    }
}
