package io.reactory.workflow.api;

import java.time.Instant;

/**
 * A published event as a waiting step receives it.
 *
 * @param id          the event's id, unique per publication
 * @param name        the event name ({@code waitFor("payment-received", ...)})
 * @param key         the correlation key the workflow waited for
 * @param publishedAt when it was published
 * @param data        the payload, as published in process or decoded from JSON; convert with {@link #as(Class)}
 */
public record EventData(String id, String name, String key, Instant publishedAt, Object data) {

    /** The payload converted to {@code type} (JSON-compatible conversion), or null when there is none. */
    public <T> T as(Class<T> type) {
        return io.reactory.workflow.internal.Json.convert(data, type);
    }
}
