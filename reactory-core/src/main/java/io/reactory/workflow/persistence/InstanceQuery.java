package io.reactory.workflow.persistence;

import io.reactory.workflow.api.WorkflowStatus;
import java.time.Instant;
import java.util.Set;

/**
 * Filters for listing instances; null fields do not filter. Results are newest first.
 *
 * @param offset rows to skip
 * @param limit  at most this many rows (1..1000)
 */
public record InstanceQuery(Set<WorkflowStatus> statuses, String workflowId, String reference, String namespace,
                            Instant createdFrom, Instant createdTo, int offset, int limit) {
    public InstanceQuery {
        statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative but was " + offset);
        }
        if (limit < 1 || limit > 10_000) {
            throw new IllegalArgumentException("limit must be between 1 and 10000 but was " + limit);
        }
    }

    public static InstanceQuery all(int limit) {
        return new InstanceQuery(Set.of(), null, null, null, null, null, 0, limit);
    }

    public boolean matches(WorkflowInstance i) {
        return (statuses.isEmpty() || statuses.contains(i.status))
                && (workflowId == null || workflowId.equals(i.workflowId))
                && (reference == null || reference.equals(i.reference))
                && (namespace == null || namespace.equals(i.namespace))
                && (createdFrom == null || !i.createdAt.isBefore(createdFrom))
                && (createdTo == null || i.createdAt.isBefore(createdTo));
    }
}
