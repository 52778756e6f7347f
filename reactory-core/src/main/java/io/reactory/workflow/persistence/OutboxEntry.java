package io.reactory.workflow.persistence;

import java.util.Objects;

/**
 * An outbox message as stored.
 *
 * @param sequence store-assigned and increasing in commit order: for one ordering key, a later sequence describes a
 *                 later change
 */
public record OutboxEntry(long sequence, OutboxMessage message) {
    public OutboxEntry {
        Objects.requireNonNull(message, "message");
    }
}
