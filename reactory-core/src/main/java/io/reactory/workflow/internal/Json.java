package io.reactory.workflow.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON mapper of the engine. Not API.
 *
 * <p>Uses a shared buffer recycler pool because Jackson's default per-thread recycling does nothing on fresh
 * virtual threads (every step would allocate new buffers).
 */
public final class Json {
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool())
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                    .build())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Json() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Where a conversion failed: the field path of the first {@link com.fasterxml.jackson.databind.JsonMappingException}
     * among {@code failure} and its causes ({@code items[2].amount}), at most 200 characters; empty when none names
     * a place. Never the value (Jackson's messages quote it).
     */
    public static String fieldPath(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (com.fasterxml.jackson.databind.JsonMappingException.Reference ref : m.getPath()) {
                    if (ref.getFieldName() != null) {
                        path.append(path.isEmpty() ? "" : ".").append(ref.getFieldName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return path.length() <= 200 ? path.toString() : path.substring(0, 200) + "...";
            }
        }
        return "";
    }

    /** Converts {@code value} to {@code type}: identity when it already is one, JSON-compatible conversion otherwise. */
    public static <T> T convert(Object value, Class<T> type) {
        if (value == null) {
            return null;
        }
        if (type.isInstance(value)) {
            return type.cast(value);
        }
        if (value instanceof byte[] bytes && type != byte[].class) {
            try {
                return MAPPER.readValue(bytes, type);
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("cannot read JSON as " + type.getSimpleName() + ": " + e.getMessage(), e);
            }
        }
        return MAPPER.convertValue(value, type);
    }
}
