package io.reactory.workflow.persistence;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One activation of one step of an instance. Mutable, owned by whoever holds the instance; stores keep copies
 * ({@link #copy()}). Fields are public for the stores' serialisers and the engine; they are not API.
 */
public final class ExecutionPointer {
    /** Unique within the instance, increasing in creation order. */
    public int id;
    /** The definition node this pointer activates. */
    public int stepId;
    /** The container pointer whose children this pointer belongs to, or -1 in the main chain. */
    public int scope = -1;
    public PointerStatus status = PointerStatus.PENDING;
    /** Failed attempts so far for this activation. */
    public int failures;
    /** When a PENDING or SLEEPING pointer may run, or null for at once. */
    public Instant sleepUntil;

    public String eventName;
    public String eventKey;
    public String eventId;
    public Instant eventPublishedAt;
    public Payload eventData;

    /** Inside forEach: the item of this iteration and its index. */
    public Payload item;
    public int itemIndex = -1;
    /** For containers: the evaluated forEach items, and how many iterations have been started. */
    public Payload items;
    public int iteration;

    public Payload outcome;
    public Instant startedAt;
    public Instant endedAt;
    public String errorType;
    public String errorMessage;
    /** Order in which task pointers completed, for compensation in reverse order. */
    public long completedSeq;
    /** For a compensation chain's pointers: the id of the pointer being compensated, else -1. */
    public int compensates = -1;
    /** For a compensating saga: pointers still to compensate, in order. */
    public List<Integer> compensationQueue;

    public ExecutionPointer() {}

    public ExecutionPointer(int id, int stepId, int scope) {
        this.id = id;
        this.stepId = stepId;
        this.scope = scope;
    }

    public boolean isActive() {
        return status.isActive();
    }

    public ExecutionPointer copy() {
        ExecutionPointer p = new ExecutionPointer(id, stepId, scope);
        p.status = status;
        p.failures = failures;
        p.sleepUntil = sleepUntil;
        p.eventName = eventName;
        p.eventKey = eventKey;
        p.eventId = eventId;
        p.eventPublishedAt = eventPublishedAt;
        p.eventData = eventData;
        p.item = item;
        p.itemIndex = itemIndex;
        p.items = items;
        p.iteration = iteration;
        p.outcome = outcome;
        p.startedAt = startedAt;
        p.endedAt = endedAt;
        p.errorType = errorType;
        p.errorMessage = errorMessage;
        p.completedSeq = completedSeq;
        p.compensates = compensates;
        p.compensationQueue = compensationQueue == null ? null : new ArrayList<>(compensationQueue);
        return p;
    }

    @Override
    public String toString() {
        return "Pointer[" + id + " step " + stepId + " " + status + (scope >= 0 ? " in " + scope : "") + "]";
    }
}
