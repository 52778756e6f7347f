package io.reactory.workflow.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * A message for other systems (a lifecycle event, an alert) waiting in the store's transactional outbox. Lifecycle
 * events are written in the same transaction as the status change they describe, so none is sent for a change that
 * was rolled back and none is lost while the broker is unreachable; a relay sends them afterwards, at least once.
 *
 * @param id        unique and stable across re-sends: receivers de-duplicate by it
 * @param topic     where it goes, as a dot-separated routing key ({@code workflow.completed.order}); at most 255 bytes
 *                  of UTF-8 (the AMQP limit)
 * @param key       ordering key: messages with the same key are sent in the order they were written (the instance
 *                  id for lifecycle events); null for none
 * @param type      what it is ({@code workflow.completed}, {@code alert.circuit-breaker.open})
 * @param body      the message as a JSON document
 * @param createdAt when the change it describes happened
 */
public record OutboxMessage(String id, String topic, String key, String type, String body, Instant createdAt) {
    /** The longest topic a message may have, in UTF-8 bytes. */
    public static final int MAX_TOPIC_BYTES = 255;

    public OutboxMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(createdAt, "createdAt");
        if (topic.isEmpty() || topic.getBytes(StandardCharsets.UTF_8).length > MAX_TOPIC_BYTES) {
            throw new IllegalArgumentException("topic must be 1 to " + MAX_TOPIC_BYTES + " bytes of UTF-8");
        }
    }
}
