package io.reactory.workflow.config.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node with the place it came from, so every error can name file, line and column; overlays keep the origin
 * of the file each value came from. Trees are immutable once built.
 */
public sealed interface YNode permits YNode.YMap, YNode.YList, YNode.YScalar {

    Origin origin();

    /** A short word for messages: "a mapping", "a list", "a string"... */
    String describe();

    /** Where a node starts: file relative to the configuration directory, 1-based line and column. */
    record Origin(String file, int line, int column) {
        public static Origin of(String file) {
            return new Origin(file, 0, 0);
        }
    }

    /**
     * A scalar: {@code value} is a String, Long, Double, Boolean or null as YAML resolved it; {@code text} is the
     * source text; {@code quoted} tells a {@code "5"} from a {@code 5}.
     */
    record YScalar(Object value, String text, boolean quoted, Origin origin) implements YNode {
        public boolean isNull() {
            return value == null;
        }

        @Override
        public String describe() {
            return switch (value) {
                case null -> "null";
                case String s -> "a string";
                case Long l -> "an integer";
                case Double d -> "a number";
                case Boolean b -> "a boolean";
                default -> "a scalar";
            };
        }
    }

    /** A list. */
    record YList(List<YNode> items, Origin origin) implements YNode {
        public YList {
            items = List.copyOf(items);
        }

        @Override
        public String describe() {
            return "a list";
        }
    }

    /** A mapping with string keys in document order; {@code keys} keeps where each key was written. */
    record YMap(Map<String, YNode> entries, Map<String, Origin> keys, Origin origin) implements YNode {
        public YMap {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        }

        public YNode get(String key) {
            return entries.get(key);
        }

        /** Where the key was written, or the mapping's own origin. */
        public Origin keyOrigin(String key) {
            return keys.getOrDefault(key, origin);
        }

        @Override
        public String describe() {
            return "a mapping";
        }
    }
}
