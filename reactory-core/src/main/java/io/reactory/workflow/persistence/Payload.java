package io.reactory.workflow.persistence;

import io.reactory.workflow.internal.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Objects;

/**
 * Workflow data, an event's data or a loop item, held either as a Java object (in process, in the in-memory store)
 * or as JSON bytes (read from a durable store), converted lazily in either direction.
 *
 * <p>Once the object form exists it is authoritative (the engine mutates workflow data in place), so the JSON form
 * is produced anew each time it is asked for. Not thread-safe: a payload belongs to whoever holds its instance.
 */
public final class Payload {
    private Object value;
    private byte[] json;
    private boolean decoded;

    private Payload(Object value, byte[] json, boolean decoded) {
        this.value = value;
        this.json = json;
        this.decoded = decoded;
    }

    public static Payload of(Object value) {
        return new Payload(value, null, true);
    }

    public static Payload ofJson(byte[] json) {
        return new Payload(null, Objects.requireNonNull(json, "json"), false);
    }

    public static Payload ofJson(String json) {
        return ofJson(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The value as {@code type}: decodes JSON (once) or converts an object of another type. */
    public <T> T as(Class<T> type) {
        if (!decoded) {
            try {
                value = Json.mapper().readValue(json, type);
            } catch (IOException e) {
                throw new UncheckedIOException("stored JSON cannot be read as " + type.getName(), e);
            }
            decoded = true;
            json = null;
            return type.cast(value);
        }
        if (value == null || type.isInstance(value)) {
            return type.cast(value);
        }
        value = Json.convert(value, type);
        return type.cast(value);
    }

    /** The value as plain Java (maps, lists, strings, numbers) or as the object it was created with. */
    public Object value() {
        return decoded ? value : as(Object.class);
    }

    /** The JSON encoding of the current value. */
    public byte[] json() {
        if (!decoded) {
            return json;
        }
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("workflow data of type " + (value == null ? "null" : value.getClass().getName())
                    + " cannot be written as JSON", e);
        }
    }

    public String jsonText() {
        return new String(json(), java.nio.charset.StandardCharsets.UTF_8);
    }

    public boolean isNull() {
        return decoded ? value == null : (json.length == 4 && Arrays.equals(json, "null".getBytes()));
    }

    @Override
    public String toString() {
        return decoded ? "Payload[" + (value == null ? "null" : value.getClass().getSimpleName()) + "]"
                : "Payload[" + json.length + " bytes of JSON]";
    }
}
