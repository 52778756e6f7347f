package io.reactory.workflow.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** YNode trees to plain Java values (LinkedHashMap, ArrayList, String, Long, Double, Boolean, null) and back. */
public final class Plain {
    private Plain() {}

    public static Object of(YNode node) {
        return switch (node) {
            case null -> null;
            case YNode.YScalar scalar -> scalar.value();
            case YNode.YList list -> {
                List<Object> out = new ArrayList<>(list.items().size());
                list.items().forEach(item -> out.add(of(item)));
                yield out;
            }
            case YNode.YMap map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.entries().forEach((key, value) -> out.put(key, of(value)));
                yield out;
            }
        };
    }

    /** A plain value as a node tree whose origins all point at {@code origin} (values written by the engine). */
    public static YNode toNode(Object value, YNode.Origin origin) {
        return switch (value) {
            case null -> new YNode.YScalar(null, "null", false, origin);
            case Map<?, ?> map -> {
                Map<String, YNode> entries = new LinkedHashMap<>();
                Map<String, YNode.Origin> keys = new LinkedHashMap<>();
                map.forEach((k, v) -> {
                    entries.put(String.valueOf(k), toNode(v, origin));
                    keys.put(String.valueOf(k), origin);
                });
                yield new YNode.YMap(entries, keys, origin);
            }
            case List<?> list -> new YNode.YList(list.stream().map(v -> toNode(v, origin)).toList(), origin);
            case Integer i -> new YNode.YScalar(i.longValue(), i.toString(), false, origin);
            case Long l -> new YNode.YScalar(l, l.toString(), false, origin);
            case Number n -> new YNode.YScalar(n.doubleValue(), n.toString(), false, origin);
            case Boolean b -> new YNode.YScalar(b, b.toString(), false, origin);
            default -> new YNode.YScalar(value.toString(), value.toString(), true, origin);
        };
    }
}
