package io.reactory.workflow.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One action to append to the audit log: who did what to which target, with what outcome, from where and when. The
 * store turns it into an {@link AuditEntry} by giving it a sequence number and chaining it to the entry before.
 *
 * @param at            when it happened; kept to the microsecond (what PostgreSQL's {@code timestamptz} holds), so
 *                      every store round-trips it exactly and the hash covers every digit a store keeps
 * @param actor         the user id, {@code anonymous}, or {@code system}
 * @param namespace     the namespace of the target, or null when it has none (admin operations)
 * @param action        what was attempted, dotted: {@code workflow.start}, {@code instance.pause}, {@code schedule.create}
 * @param target        what it was attempted on: {@code workflow/data-processing}, {@code instance/<id>}, or null
 * @param outcome       how it ended
 * @param status        the HTTP status answered, or 0 outside HTTP
 * @param sourceAddress the client address, or null outside HTTP
 * @param requestId     correlates the entry with logs, or null
 * @param detail        a short reason (a problem type, the denied permission), never workflow data or secrets; or null
 */
public record AuditRecord(Instant at, String actor, String namespace, String action, String target, Outcome outcome,
                          int status, String sourceAddress, String requestId, String detail) {

    /** Longest text kept in any field; longer values are cut, so one request cannot bloat the log. */
    public static final int MAX_FIELD_LENGTH = 500;

    public AuditRecord {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        at = at.truncatedTo(ChronoUnit.MICROS);
        actor = cut(actor);
        namespace = cut(namespace);
        action = cut(action);
        target = cut(target);
        sourceAddress = cut(sourceAddress);
        requestId = cut(requestId);
        detail = cut(detail);
    }

    private static String cut(String value) {
        return value == null || value.length() <= MAX_FIELD_LENGTH ? value : value.substring(0, MAX_FIELD_LENGTH);
    }

    /** How an audited call ended. */
    public enum Outcome {
        /** It was done. */
        SUCCESS,
        /** Refused for lack of credentials, permission or rate budget (401, 403, 429, or a 404 hiding another namespace). */
        DENIED,
        /** Refused because the request itself was wrong or conflicted with the state (other 4xx). */
        REJECTED,
        /** The server failed (5xx). */
        FAILED
    }
}
