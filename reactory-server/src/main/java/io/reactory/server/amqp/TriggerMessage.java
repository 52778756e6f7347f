package io.reactory.server.amqp;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import io.reactory.workflow.api.Priority;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A start request as it arrives on the trigger queue:
 * {@code { "workflowId": "...", "version": "1", "data": {...}, "reference": "...", "idempotencyKey": "...",
 * "priority": "high|normal|low", "metadata": { "k": "v" } }}; only {@code workflowId} is required.
 *
 * @param version  null: the latest registered
 * @param priority null: the workflow's configured default (else normal)
 */
record TriggerMessage(String workflowId, String version, Object data, String reference, String idempotencyKey,
                      Priority priority, Map<String, String> metadata) {
    static final Set<String> FIELDS = Set.of("workflowId", "version", "data", "reference", "idempotencyKey",
            "priority", "metadata");

    /** @throws InvalidMessageException when the message is not a start request */
    static TriggerMessage parse(AMQP.BasicProperties props, byte[] body, int maxBytes) {
        JsonNode root = MessageFormat.readObject(props, body, maxBytes, FIELDS);
        String workflowId = MessageFormat.requiredText(root, "workflowId");
        if (workflowId.length() > 200) {
            throw new InvalidMessageException(DeadLetterReason.INVALID_MESSAGE, "workflowId must be at most 200 characters");
        }
        String priorityText = MessageFormat.optionalText(root, "priority");
        Priority priority = null;
        if (priorityText != null) {
            try {
                priority = Priority.parse(priorityText);
            } catch (IllegalArgumentException e) {
                throw new InvalidMessageException(DeadLetterReason.INVALID_MESSAGE, e.getMessage());
            }
        }
        // checked here: the engine only sees the key's scoped digest, whatever its length
        String idempotencyKey = MessageFormat.optionalText(root, "idempotencyKey");
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new InvalidMessageException(DeadLetterReason.INVALID_MESSAGE, "idempotencyKey must be 1 to 200 characters");
        }
        return new TriggerMessage(workflowId, MessageFormat.optionalText(root, "version"), MessageFormat.plain(root, "data"),
                MessageFormat.optionalText(root, "reference"), idempotencyKey, priority, metadata(root.get("metadata")));
    }

    private static Map<String, String> metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidMessageException(DeadLetterReason.INVALID_MESSAGE, "metadata must be an object of strings");
        }
        Map<String, String> values = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new InvalidMessageException(DeadLetterReason.INVALID_MESSAGE,
                        "metadata." + MessageFormat.cut(e.getKey()) + " must be a string");
            }
            values.put(e.getKey(), e.getValue().textValue());
        });
        return values;
    }
}
