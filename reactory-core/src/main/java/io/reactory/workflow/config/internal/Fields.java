package io.reactory.workflow.config.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the fields of one YAML mapping with type and range checks, recording every problem with its position;
 * {@link #finish()} reports the fields nobody asked for as unknown, with a "did you mean". A missing or mistyped
 * field yields null, so reading goes on and every problem of a file is reported at once.
 */
public final class Fields {
    private final YNode.YMap map;
    private final String path;
    private final Problems problems;
    private final Set<String> known = new LinkedHashSet<>();

    private Fields(YNode.YMap map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /** The fields of {@code node}; reports an error and reads as empty when it is not a mapping. */
    public static Fields of(YNode node, String path, Problems problems) {
        if (node instanceof YNode.YMap map) {
            return new Fields(map, path, problems);
        }
        YNode.Origin at = node == null ? YNode.Origin.of("?") : node.origin();
        problems.error(at, path, "must be a mapping of fields but is " + (node == null ? "empty" : node.describe()));
        return new Fields(new YNode.YMap(Map.of(), Map.of(), at), path, problems);
    }

    public YNode.YMap map() {
        return map;
    }

    /** This mapping's own path. */
    public String path() {
        return path;
    }

    public String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** Where the value of {@code key} is written (or the mapping, when it is absent). */
    public YNode.Origin at(String key) {
        YNode value = map.get(key);
        return value != null ? value.origin() : map.origin();
    }

    public Problems problems() {
        return problems;
    }

    /** The raw node of {@code key}, null when absent or null. */
    public YNode node(String key) {
        known.add(key);
        YNode value = map.get(key);
        return value instanceof YNode.YScalar s && s.isNull() ? null : value;
    }

    public boolean has(String key) {
        return node(key) != null;
    }

    /** Reports a missing required field. */
    public void missing(String key) {
        problems.error(map.origin(), path(key), "required field '" + key + "' is missing");
    }

    public String string(String key, boolean required) {
        YNode value = node(key);
        if (value == null) {
            if (required) {
                missing(key);
            }
            return null;
        }
        if (value instanceof YNode.YScalar scalar) {
            // an unquoted 1.0 or yes is still the text the author wrote where a string is expected
            return scalar.value() instanceof String s ? s : scalar.text();
        }
        problems.error(value.origin(), path(key), "must be a string but is " + value.describe());
        return null;
    }

    /** A string that must be one of {@code allowed} (compared ignoring case); returns it lower-cased. */
    public String choice(String key, boolean required, Collection<String> allowed) {
        String value = string(key, required);
        if (value == null) {
            return null;
        }
        String lower = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (!allowed.contains(lower)) {
            problems.error(at(key), path(key), "must be one of " + String.join(", ", allowed) + " but is '"
                    + abbreviate(value) + "'" + Suggestions.didYouMean(value, allowed));
            return null;
        }
        return lower;
    }

    public Long integer(String key, boolean required, long min, long max) {
        YNode value = node(key);
        if (value == null) {
            if (required) {
                missing(key);
            }
            return null;
        }
        if (!(value instanceof YNode.YScalar scalar) || !(scalar.value() instanceof Long number)) {
            problems.error(value.origin(), path(key), "must be an integer but is " + describe(value));
            return null;
        }
        if (number < min || number > max) {
            problems.error(value.origin(), path(key), "must be " + range(min, max) + " but is " + number);
            return null;
        }
        return number;
    }

    public Integer smallInteger(String key, boolean required, int min, int max) {
        Long value = integer(key, required, min, max);
        return value == null ? null : value.intValue();
    }

    public Double number(String key, boolean required, double min, double max) {
        YNode value = node(key);
        if (value == null) {
            if (required) {
                missing(key);
            }
            return null;
        }
        if (!(value instanceof YNode.YScalar scalar) || !(scalar.value() instanceof Number number)) {
            problems.error(value.origin(), path(key), "must be a number but is " + describe(value));
            return null;
        }
        double d = number.doubleValue();
        if (!(d >= min && d <= max)) {
            problems.error(value.origin(), path(key), "must be between " + min + " and " + max + " but is " + scalar.text());
            return null;
        }
        return d;
    }

    public Boolean bool(String key) {
        YNode value = node(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof YNode.YScalar scalar) || !(scalar.value() instanceof Boolean b)) {
            problems.error(value.origin(), path(key), "must be true or false but is " + describe(value));
            return null;
        }
        return b;
    }

    /** A nested mapping's fields, or null when absent. */
    public Fields object(String key, boolean required) {
        YNode value = node(key);
        if (value == null) {
            if (required) {
                missing(key);
            }
            return null;
        }
        if (!(value instanceof YNode.YMap)) {
            problems.error(value.origin(), path(key), "must be a mapping of fields but is " + value.describe());
            return null;
        }
        return Fields.of(value, path(key), problems);
    }

    public YNode.YList list(String key) {
        YNode value = node(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof YNode.YList list)) {
            problems.error(value.origin(), path(key), "must be a list but is " + value.describe());
            return null;
        }
        return list;
    }

    /** A list of strings; items that are not scalars are reported and skipped. */
    public List<String> strings(String key) {
        YNode.YList list = list(key);
        if (list == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.items().size(); i++) {
            YNode item = list.items().get(i);
            if (item instanceof YNode.YScalar scalar && !scalar.isNull()) {
                out.add(scalar.value() instanceof String s ? s : scalar.text());
            } else {
                problems.error(item.origin(), path(key) + "[" + i + "]", "must be a string but is " + describe(item));
            }
        }
        return out;
    }

    /** A free-form mapping (for example {@code properties}) as plain Java values. */
    public Map<String, Object> plainMap(String key) {
        YNode value = node(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof YNode.YMap)) {
            problems.error(value.origin(), path(key), "must be a mapping but is " + value.describe());
            return null;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) Plain.of(value);
        return plain;
    }

    /** Reports every field that was not read as unknown, suggesting the closest known field. */
    public void finish() {
        for (String key : map.entries().keySet()) {
            if (!known.contains(key)) {
                problems.error(map.keyOrigin(key), path(key), "unknown field '" + key + "'"
                        + Suggestions.didYouMean(key, known));
            }
        }
    }

    /** Marks fields as known without reading them (read elsewhere). */
    public void accept(String... keys) {
        known.addAll(List.of(keys));
    }

    static String describe(YNode node) {
        if (node instanceof YNode.YScalar scalar && scalar.value() instanceof String s) {
            return "the string '" + abbreviate(s) + "'";
        }
        return node.describe();
    }

    static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE) {
            return "at least " + min;
        }
        return "between " + min + " and " + max;
    }
}
