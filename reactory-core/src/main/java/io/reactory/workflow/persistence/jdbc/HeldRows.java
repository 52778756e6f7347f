package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What this store last wrote of the indexed columns of the instances it holds (SQLite). SQLite maintains every index
 * on a column an UPDATE assigns, whether or not the value changed; a step commit that leaves status and times as they
 * were can then assign only the state (about a third of the cost, measured). Entries are recorded under a lease epoch
 * and trusted only for the same epoch, so a write under another lease (which would be refused anyway) never uses one.
 */
final class HeldRows {
    /** A bound against leaks from instances dropped without a final commit: past it, start over. */
    private static final int MAX = 100_000;

    private record Written(long epoch, WorkflowStatus status, Instant startedAt, Instant completedAt) {}

    private final ConcurrentHashMap<String, Written> rows = new ConcurrentHashMap<>();
    private final boolean enabled;

    /** @param enabled false where the database compares values itself (PostgreSQL): then nothing is kept */
    HeldRows(boolean enabled) {
        this.enabled = enabled;
    }

    /** The instance is held with these values stored (claimed, or committed keeping its lease). */
    void held(WorkflowInstance i) {
        if (!enabled) {
            return;
        }
        if (rows.size() >= MAX) {
            rows.clear();
        }
        rows.put(i.id, new Written(i.leaseEpoch, i.status, i.startedAt, i.completedAt));
    }

    /** Whether the stored status and times of a held instance are those of {@code i}. */
    boolean unchanged(WorkflowInstance i) {
        Written w = rows.get(i.id);
        return w != null && w.epoch == i.leaseEpoch && w.status == i.status
                && Objects.equals(w.startedAt, i.startedAt) && Objects.equals(w.completedAt, i.completedAt);
    }

    /** The instance is no longer held by this store (released, lost, or its commit refused). */
    void forget(String instanceId) {
        rows.remove(instanceId);
    }
}
