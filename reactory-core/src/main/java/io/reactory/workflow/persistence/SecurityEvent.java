package io.reactory.workflow.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * Something a security team wants to see: failed authentication, a refused permission, a rate limit hit, a token
 * used wrongly. Recorded beside the audit log.
 *
 * @param id            store-assigned, increasing; 0 before it is stored
 * @param actor         the user id when known, else null
 * @param sourceAddress the client address, or null
 * @param target        the endpoint or resource concerned, or null
 * @param detail        a short reason, never a token, key or workflow data
 */
public record SecurityEvent(long id, Instant at, Type type, String actor, String sourceAddress, String target,
                            String detail) {
    public SecurityEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(type, "type");
        at = at.truncatedTo(ChronoUnit.MILLIS);
        actor = cut(actor);
        sourceAddress = cut(sourceAddress);
        target = cut(target);
        detail = cut(detail);
    }

    public static SecurityEvent of(Instant at, Type type, String actor, String sourceAddress, String target, String detail) {
        return new SecurityEvent(0, at, type, actor, sourceAddress, target, detail);
    }

    public SecurityEvent withId(long value) {
        return new SecurityEvent(value, at, type, actor, sourceAddress, target, detail);
    }

    private static String cut(String value) {
        return value == null || value.length() <= AuditRecord.MAX_FIELD_LENGTH ? value
                : value.substring(0, AuditRecord.MAX_FIELD_LENGTH);
    }

    /** The kinds of security event. */
    public enum Type {
        /** Credentials were given but are not valid (bad signature, expired, unknown or revoked key...). */
        AUTHENTICATION_FAILED,
        /** An authenticated (or anonymous) caller was refused an action. */
        PERMISSION_DENIED,
        /** A caller ran out of its request budget. */
        RATE_LIMITED,
        /** A token that looks like an attack: {@code alg: none}, a key-confusion attempt, a subject mismatch. */
        TOKEN_MISUSE
    }
}
