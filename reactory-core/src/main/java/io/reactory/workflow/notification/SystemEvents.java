package io.reactory.workflow.notification;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.internal.Ids;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.persistence.OutboxMessage;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns lifecycle changes and alerts into outbox messages: their JSON body and their topic (routing key).
 *
 * <ul>
 *   <li>lifecycle: topic {@code workflow.<event>.<workflowId>}, type {@code workflow.<event>}, ordering key the
 *       instance id, body a {@link LifecycleEvent};</li>
 *   <li>alerts: topic {@code alert.<source>.<name>.<subject>}, type {@code alert.<source>.<name>}, no ordering key,
 *       body the {@link Alert} with its type.</li>
 * </ul>
 * A workflow id or subject too long for the 255-byte topic limit is cut in the topic (never in the body). Stateless
 * and thread-safe.
 */
public final class SystemEvents {
    private SystemEvents() {}

    /** The message announcing {@code change} of an instance with business reference {@code reference} (nullable). */
    public static OutboxMessage lifecycle(StatusChange change, String reference) {
        LifecycleEvent event = LifecycleEvent.of(change, reference);
        return new OutboxMessage(Ids.newId(change.at().toEpochMilli()), topic(event.type() + ".", change.workflowId()),
                change.instanceId(), event.type(), json(event), change.at());
    }

    /** The message carrying {@code alert}. */
    public static OutboxMessage alert(Alert alert) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", alert.type());
        body.put("source", alert.source());
        body.put("name", alert.name());
        body.put("subject", alert.subject());
        body.put("severity", alert.severity());
        if (alert.message() != null) {
            body.put("message", alert.message());
        }
        body.put("details", alert.details());
        body.put("at", alert.at());
        return new OutboxMessage(Ids.newId(alert.at().toEpochMilli()), topic(alert.type() + ".", alert.subject()),
                null, alert.type(), json(body), alert.at());
    }

    /** {@code prefix + subject}, with {@code subject} cut (at a character boundary) to fit the topic limit. */
    static String topic(String prefix, String subject) {
        String topic = prefix + subject;
        if (topic.getBytes(StandardCharsets.UTF_8).length <= OutboxMessage.MAX_TOPIC_BYTES) {
            return topic;
        }
        int budget = OutboxMessage.MAX_TOPIC_BYTES - prefix.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder cut = new StringBuilder(prefix);
        int used = 0;
        for (int i = 0; i < subject.length(); ) {
            int cp = subject.codePointAt(i);
            int bytes = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (used + bytes > budget) {
                break;
            }
            cut.appendCodePoint(cp);
            used += bytes;
            i += Character.charCount(cp);
        }
        return cut.toString();
    }

    private static String json(Object value) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a system event could not be written as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
