package io.reactory.workflow.execution;

import io.reactory.workflow.api.EventData;
import io.reactory.workflow.api.StepContext;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Clock;

/** The context of one activation; built just before the body runs. */
final class DefaultStepContext<D> implements StepContext<D> {
    private final WorkflowInstance instance;
    private final ExecutionPointer pointer;
    private final String stepName;
    private final D data;
    private final Clock clock;

    DefaultStepContext(WorkflowInstance instance, ExecutionPointer pointer, String stepName, D data, Clock clock) {
        this.instance = instance;
        this.pointer = pointer;
        this.stepName = stepName;
        this.data = data;
        this.clock = clock;
    }

    @Override
    public D data() {
        return data;
    }

    @Override
    public String instanceId() {
        return instance.id;
    }

    @Override
    public String workflowId() {
        return instance.workflowId;
    }

    @Override
    public String workflowVersion() {
        return instance.version;
    }

    @Override
    public String stepName() {
        return stepName;
    }

    @Override
    public int attempt() {
        return pointer.failures + 1;
    }

    @Override
    public String idempotencyKey() {
        return instance.id + ":" + pointer.id;
    }

    @Override
    public String reference() {
        return instance.reference;
    }

    @Override
    public Object item() {
        return pointer.item == null ? null : pointer.item.value();
    }

    @Override
    public <T> T item(Class<T> type) {
        return pointer.item == null ? null : Json.convert(pointer.item.value(), type);
    }

    @Override
    public int itemIndex() {
        return pointer.itemIndex;
    }

    @Override
    public EventData event() {
        return eventOf(pointer);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    static EventData eventOf(ExecutionPointer pointer) {
        if (pointer.eventId == null) {
            return null;
        }
        return new EventData(pointer.eventId, pointer.eventName, pointer.eventKey, pointer.eventPublishedAt,
                pointer.eventData == null ? null : pointer.eventData.value());
    }
}
