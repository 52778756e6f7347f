package io.reactory.server.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import java.util.Set;

/**
 * An event for running workflows as it arrives on the event queue: {@code { "eventName": "payment-received",
 * "eventKey": "A-17", "data": {...} }}; name and key are required (a numeric key is taken as its text).
 */
record EventMessage(String eventName, String eventKey, Object data) {
    static final Set<String> FIELDS = Set.of("eventName", "eventKey", "data");

    /** @throws InvalidMessageException when the message is not an event */
    static EventMessage parse(AMQP.BasicProperties props, byte[] body, int maxBytes) {
        JsonNode root = MessageFormat.readObject(props, body, maxBytes, FIELDS);
        String name = MessageFormat.requiredText(root, "eventName");
        String key = MessageFormat.optionalText(root, "eventKey");
        if (key == null) {
            throw new InvalidMessageException(DeadLetterReason.INVALID_MESSAGE, "eventKey is required");
        }
        return new EventMessage(name, key, MessageFormat.plain(root, "data"));
    }
}
