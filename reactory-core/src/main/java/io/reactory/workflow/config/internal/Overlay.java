package io.reactory.workflow.config.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The deep-merge rules of environment overlays, and their inverse (the smallest overlay that turns a base into a
 * wanted tree):
 * <ul>
 *   <li>mapping over mapping: merged key by key, recursively;</li>
 *   <li>an explicit {@code null} ({@code key: null} or {@code key: ~}) removes the key, so it takes its default;</li>
 *   <li>anything else (scalars, lists, a mapping over a scalar) replaces the base value whole; lists are never
 *       merged item by item.</li>
 * </ul>
 */
public final class Overlay {
    private Overlay() {}

    /** The base with the overlay applied; origins say which file each value came from. */
    public static YNode merge(YNode base, YNode overlay) {
        if (overlay == null) {
            return base;
        }
        if (base instanceof YNode.YMap b && overlay instanceof YNode.YMap o) {
            Map<String, YNode> entries = new LinkedHashMap<>(b.entries());
            Map<String, YNode.Origin> keys = new LinkedHashMap<>(b.keys());
            o.entries().forEach((key, value) -> {
                if (value instanceof YNode.YScalar s && s.isNull()) {
                    entries.remove(key);
                    keys.remove(key);
                } else {
                    entries.put(key, merge(b.get(key), value));
                    keys.put(key, o.keyOrigin(key));
                }
            });
            return new YNode.YMap(entries, keys, b.origin());
        }
        return overlay;
    }

    /**
     * The smallest overlay (a plain tree) that turns {@code base} into {@code wanted}, both plain trees: changed keys
     * with their new values, removed keys as null. Null when nothing differs.
     */
    @SuppressWarnings("unchecked")
    public static Object diff(Object base, Object wanted) {
        if (Objects.equals(base, wanted)) {
            return null;
        }
        if (base instanceof Map<?, ?> b && wanted instanceof Map<?, ?> w) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) w).forEach((key, value) -> {
                if (!b.containsKey(key)) {
                    out.put(key, value);
                } else if (!Objects.equals(b.get(key), value)) {
                    Object inner = diff(b.get(key), value);
                    out.put(key, inner instanceof Map<?, ?> || value == null ? inner : value);
                }
            });
            for (Object key : b.keySet()) {
                if (!w.containsKey(key)) {
                    out.put((String) key, null);
                }
            }
            return out;
        }
        return wanted;
    }

    /** Applies a plain overlay to a plain base, with the same rules as {@link #merge}. */
    @SuppressWarnings("unchecked")
    public static Object apply(Object base, Object overlay) {
        if (base instanceof Map<?, ?> b && overlay instanceof Map<?, ?> o) {
            Map<String, Object> out = new LinkedHashMap<>((Map<String, Object>) b);
            ((Map<String, Object>) o).forEach((key, value) -> {
                if (value == null) {
                    out.remove(key);
                } else {
                    out.put(key, apply(out.get(key), value));
                }
            });
            return out;
        }
        return overlay == null ? base : overlay;
    }

    /** Field-level differences between two plain trees, for dry runs: path → (before, after). */
    public static void changes(String path, Object before, Object after,
                               List<io.reactory.workflow.config.MigrationPlan.FieldChange> out) {
        if (Objects.equals(before, after)) {
            return;
        }
        if (before instanceof Map<?, ?> b && after instanceof Map<?, ?> a) {
            java.util.Set<Object> keys = new java.util.LinkedHashSet<>(b.keySet());
            keys.addAll(a.keySet());
            for (Object key : keys) {
                changes(path.isEmpty() ? key.toString() : path + "." + key, b.get(key), a.get(key), out);
            }
            return;
        }
        out.add(new io.reactory.workflow.config.MigrationPlan.FieldChange(path, before, after));
    }
}
