package io.reactory.workflow.persistence;

import java.time.Instant;

/**
 * Filters for reading the audit log; null fields do not filter. Results are newest first.
 *
 * @param actor     exact user id
 * @param action    exact action, or a prefix ending in {@code .} ({@code instance.} matches every instance action)
 * @param target    exact target
 * @param namespace exact namespace
 * @param outcome   exact outcome
 * @param from      at or after
 * @param to        before
 * @param offset    entries to skip
 * @param limit     at most this many (1..1000)
 */
public record AuditQuery(String actor, String action, String target, String namespace, AuditRecord.Outcome outcome,
                         Instant from, Instant to, int offset, int limit) {
    public AuditQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative but was " + offset);
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000 but was " + limit);
        }
    }

    public static AuditQuery latest(int limit) {
        return new AuditQuery(null, null, null, null, null, null, null, 0, limit);
    }

    public boolean matches(AuditEntry entry) {
        AuditRecord r = entry.record();
        return (actor == null || actor.equals(r.actor()))
                && (action == null || (action.endsWith(".") ? r.action().startsWith(action) : action.equals(r.action())))
                && (target == null || target.equals(r.target()))
                && (namespace == null || namespace.equals(r.namespace()))
                && (outcome == null || outcome == r.outcome())
                && (from == null || !r.at().isBefore(from))
                && (to == null || r.at().isBefore(to));
    }
}
