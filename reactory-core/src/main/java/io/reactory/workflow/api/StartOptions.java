package io.reactory.workflow.api;

import java.time.Instant;
import java.util.Map;

/**
 * How to start an instance, beyond workflow id, version and data (the specification's REST body
 * {@code { data, priority, metadata }}).
 *
 * @param priority       claim order when the engine is at its limits; null (the default) means NORMAL unless the
 *                       workflow's configuration sets another default ({@link #priority()} never returns null)
 * @param reference      a business key (order number, business date) to find the instance and correlate dependencies
 * @param metadata       free-form context kept with the instance (never interpreted)
 * @param idempotencyKey starting twice with the same key starts one instance; the second call returns its id
 * @param namespace      tenant; null for the workflow's own namespace
 * @param startAt        do not start before this time (null: at once)
 */
public record StartOptions(Priority priority, String reference, Map<String, String> metadata, String idempotencyKey,
                           String namespace, Instant startAt) {
    public static final StartOptions DEFAULT = new StartOptions(null, null, Map.of(), null, null, null);

    public StartOptions {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
            throw new IllegalArgumentException("idempotencyKey must be 1 to 200 characters");
        }
        if (reference != null && reference.length() > 200) {
            throw new IllegalArgumentException("reference must be at most 200 characters");
        }
    }

    /** The priority to start with: the one asked for, else NORMAL. */
    @Override
    public Priority priority() {
        return priority == null ? Priority.NORMAL : priority;
    }

    /** True when the caller chose a priority; otherwise a configured default may apply. */
    public boolean hasPriority() {
        return priority != null;
    }

    public static StartOptions defaults() {
        return DEFAULT;
    }

    public StartOptions withPriority(Priority value) {
        return new StartOptions(value, reference, metadata, idempotencyKey, namespace, startAt);
    }

    public StartOptions withReference(String value) {
        return new StartOptions(priority, value, metadata, idempotencyKey, namespace, startAt);
    }

    public StartOptions withMetadata(Map<String, String> value) {
        return new StartOptions(priority, reference, value, idempotencyKey, namespace, startAt);
    }

    public StartOptions withIdempotencyKey(String value) {
        return new StartOptions(priority, reference, metadata, value, namespace, startAt);
    }

    public StartOptions withNamespace(String value) {
        return new StartOptions(priority, reference, metadata, idempotencyKey, value, startAt);
    }

    public StartOptions withStartAt(Instant value) {
        return new StartOptions(priority, reference, metadata, idempotencyKey, namespace, value);
    }
}
