package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.persistence.ApiKeyStore;
import io.reactory.workflow.persistence.AuditStore;
import io.reactory.workflow.persistence.ErrorStore;
import io.reactory.workflow.persistence.EventStore;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.LifecycleStore;
import io.reactory.workflow.persistence.OutboxStore;
import io.reactory.workflow.persistence.ScheduleStore;
import io.reactory.workflow.persistence.StoreObserver;
import io.reactory.workflow.persistence.WorkflowStore;

/**
 * A store in the heap with the same semantics as the durable stores (leases, fencing, signals, event matching,
 * compare-and-set schedule writes, dependencies and admission), for tests and ephemeral runs. Instances are copied in and out; workflow data objects are kept by reference, not
 * serialised, which is what makes this store fast. Thread-safe.
 */
public final class InMemoryWorkflowStore implements WorkflowStore {
    private final MemoryState state = new MemoryState();
    private final MemoryInstanceStore instances;
    private final MemoryEventStore events;
    private final MemoryOutboxStore outbox;
    private final MemoryErrorStore errors;
    private final MemoryLifecycleStore lifecycle;
    private final MemoryScheduleStore schedules = new MemoryScheduleStore();
    private final MemoryAuditStore audit = new MemoryAuditStore();
    private final MemoryApiKeyStore apiKeys = new MemoryApiKeyStore();

    public InMemoryWorkflowStore() {
        this.instances = new MemoryInstanceStore(state);
        this.events = new MemoryEventStore(state);
        this.outbox = new MemoryOutboxStore(state);
        this.errors = new MemoryErrorStore(state);
        this.lifecycle = new MemoryLifecycleStore(state, instances);
    }

    @Override
    public InstanceStore instances() {
        return instances;
    }

    @Override
    public EventStore events() {
        return events;
    }

    @Override
    public OutboxStore outbox() {
        return outbox;
    }

    @Override
    public ErrorStore errors() {
        return errors;
    }

    @Override
    public LifecycleStore lifecycle() {
        return lifecycle;
    }

    @Override
    public ScheduleStore schedules() {
        return schedules;
    }

    @Override
    public AuditStore audit() {
        return audit;
    }

    @Override
    public ApiKeyStore apiKeys() {
        return apiKeys;
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public void addWakeListener(Runnable listener) {
        state.listeners.add(listener);
    }

    /** Times creates, claims, commits and lease renewals (including the wait for the store's lock). */
    @Override
    public void addObserver(StoreObserver observer) {
        state.observers.add(java.util.Objects.requireNonNull(observer, "observer"));
    }
}
