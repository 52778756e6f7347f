package io.reactory.workflow.config.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Output targets of declarative workflows: dot-separated paths into the workflow data map ({@code order.total}). */
final class DataPaths {
    static final Pattern PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*){0,7}");

    private DataPaths() {}

    /** Sets {@code path} in {@code data} (a map), creating intermediate maps. */
    @SuppressWarnings("unchecked")
    static void set(Object data, String path, Object value) {
        if (!(data instanceof Map<?, ?>)) {
            throw new IllegalStateException("declarative workflows keep their data as a map");
        }
        Map<String, Object> current = (Map<String, Object>) data;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = current.get(parts[i]);
            if (!(next instanceof Map<?, ?>)) {
                next = new LinkedHashMap<String, Object>();
                current.put(parts[i], next);
            }
            current = (Map<String, Object>) next;
        }
        current.put(parts[parts.length - 1], value);
    }
}
