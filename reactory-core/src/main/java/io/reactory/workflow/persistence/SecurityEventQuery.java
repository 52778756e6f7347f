package io.reactory.workflow.persistence;

import java.time.Instant;

/**
 * Filters for reading security events; null fields do not filter. Results are newest first.
 *
 * @param limit at most this many (1..1000)
 */
public record SecurityEventQuery(SecurityEvent.Type type, String actor, Instant from, Instant to, int offset, int limit) {
    public SecurityEventQuery {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must not be negative but was " + offset);
        }
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be between 1 and 1000 but was " + limit);
        }
    }

    public static SecurityEventQuery latest(int limit) {
        return new SecurityEventQuery(null, null, null, null, 0, limit);
    }

    public boolean matches(SecurityEvent e) {
        return (type == null || type == e.type())
                && (actor == null || actor.equals(e.actor()))
                && (from == null || !e.at().isBefore(from))
                && (to == null || e.at().isBefore(to));
    }
}
