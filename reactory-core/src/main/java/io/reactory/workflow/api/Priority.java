package io.reactory.workflow.api;

import java.util.Locale;

/** Start priority of an instance: higher priorities are claimed first when the engine is at its limits. */
public enum Priority {
    HIGH,
    NORMAL,
    LOW;

    /** Parses the specification's lower-case spelling ({@code "high"}, {@code "normal"}, {@code "low"}). */
    public static Priority parse(String text) {
        if (text == null || text.isBlank()) {
            return NORMAL;
        }
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("priority must be one of high, normal, low but was '" + text + "'");
        }
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
