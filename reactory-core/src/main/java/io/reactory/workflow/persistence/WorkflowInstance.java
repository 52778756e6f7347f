package io.reactory.workflow.persistence;

import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.WorkflowStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One workflow instance as stored: one row (or document) with its execution pointers. Mutable and owned by whoever
 * holds it; stores keep and hand out copies. Fields are public for the stores and the engine; they are not API —
 * users read instances through {@link io.reactory.workflow.api.InstanceInfo}.
 */
public final class WorkflowInstance {
    public String id;
    public String workflowId;
    public String version;
    public WorkflowStatus status = WorkflowStatus.PENDING;
    public Payload data;
    public List<ExecutionPointer> pointers = new ArrayList<>();
    public int nextPointerId;
    /** When the engine should next look at the instance; null when only a signal can wake it. */
    public Instant nextExecution;
    public String reference;
    public String namespace;
    public Priority priority = Priority.NORMAL;
    public Instant createdAt;
    public Instant startedAt;
    public Instant completedAt;
    public Failure failure;
    /**
     * Per event name and key, the sequence number of the last event delivered, so none is delivered twice. Replaced,
     * never mutated in place: use {@link #advanceCursor}.
     */
    public Map<String, Long> eventCursors = Map.of();
    public Map<String, String> metadata = Map.of();
    public String idempotencyKey;
    /**
     * Must pass the LifecycleManager's gate (its dependencies, its workflow's or the global concurrency limit) before
     * it starts. Set when the instance is created or a dependency is added while it is PENDING.
     */
    public boolean gated;
    /** Step activations run so far (resource accounting). */
    public long stepsExecuted;
    public long completions;
    /** Incremented by every committed write. */
    public long revision;

    /** Set by the store when the instance is claimed; a holder's writes are fenced by owner and epoch. */
    public String leaseOwner;
    public long leaseEpoch;

    public WorkflowInstance copy() {
        WorkflowInstance i = new WorkflowInstance();
        i.id = id;
        i.workflowId = workflowId;
        i.version = version;
        i.status = status;
        i.data = data;
        ArrayList<ExecutionPointer> copies = new ArrayList<>(pointers.size());
        for (ExecutionPointer pointer : pointers) {
            copies.add(pointer.copy());
        }
        i.pointers = copies;
        i.nextPointerId = nextPointerId;
        i.nextExecution = nextExecution;
        i.reference = reference;
        i.namespace = namespace;
        i.priority = priority;
        i.createdAt = createdAt;
        i.startedAt = startedAt;
        i.completedAt = completedAt;
        i.failure = failure;
        i.eventCursors = eventCursors.isEmpty() ? Map.of() : new HashMap<>(eventCursors);
        i.metadata = metadata;
        i.idempotencyKey = idempotencyKey;
        i.gated = gated;
        i.stepsExecuted = stepsExecuted;
        i.completions = completions;
        i.revision = revision;
        i.leaseOwner = leaseOwner;
        i.leaseEpoch = leaseEpoch;
        return i;
    }

    public ExecutionPointer pointer(int pointerId) {
        for (ExecutionPointer pointer : pointers) {
            if (pointer.id == pointerId) {
                return pointer;
            }
        }
        return null;
    }

    /** Records that events up to {@code seq} for this name and key were delivered. */
    public void advanceCursor(String key, long seq) {
        if (!(eventCursors instanceof HashMap)) {
            eventCursors = new HashMap<>(eventCursors);
        }
        eventCursors.put(key, seq);
    }

    public static String cursorKey(String eventName, String eventKey) {
        return eventName + '\u0000' + eventKey;
    }

    @Override
    public String toString() {
        return "WorkflowInstance[" + id + " " + workflowId + " v" + version + " " + status + "]";
    }
}
