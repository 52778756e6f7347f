package io.reactory.workflow.config.internal;

import io.reactory.workflow.config.WorkflowConfig;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** Writing configuration: records to plain trees, trees to YAML text, and atomic file replacement. */
public final class YamlFiles {
    private YamlFiles() {}

    /** A workflow configuration in the specification's field order, leaving out what is unset. */
    public static Map<String, Object> toTree(WorkflowConfig c) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, "id", c.id());
        put(out, "nameSpace", c.nameSpace());
        put(out, "name", c.name());
        put(out, "version", c.version());
        put(out, "enabled", c.enabled());
        put(out, "maxRetries", c.maxRetries() == null ? null : c.maxRetries().longValue());
        put(out, "timeout", c.timeoutMillis());
        put(out, "priority", c.priority());
        put(out, "concurrency", c.concurrency() == null ? null : c.concurrency().longValue());
        if (!c.dependencies().isEmpty()) {
            out.put("dependencies", c.dependencies().stream().map(d -> {
                if ((d.condition() == null || d.condition().equals("completed")) && d.correlate() == null) {
                    return (Object) d.workflowId();
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("workflowId", d.workflowId());
                put(entry, "condition", d.condition());
                put(entry, "correlate", d.correlate());
                return entry;
            }).toList());
        }
        if (!c.properties().isEmpty()) {
            out.put("properties", normalise(c.properties()));
        }
        if (c.security() != null) {
            Map<String, Object> s = new LinkedHashMap<>();
            list(s, "permissions", c.security().permissions());
            put(s, "requireAuth", c.security().requireAuth());
            list(s, "allowedRoles", c.security().allowedRoles());
            out.put("security", s);
        }
        if (c.monitoring() != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            put(m, "enabled", c.monitoring().enabled());
            list(m, "metrics", c.monitoring().metrics());
            list(m, "alerts", c.monitoring().alerts());
            put(m, "sla", c.monitoring().slaMillis());
            out.put("monitoring", m);
        }
        if (c.limits() != null) {
            Map<String, Object> l = new LinkedHashMap<>();
            put(l, "maxSteps", c.limits().maxSteps());
            put(l, "maxDataSize", c.limits().maxDataSize());
            out.put("limits", l);
        }
        return out;
    }

    /** Numbers as Long/Double and maps/lists copied, so trees compare equal to what YAML reads back. */
    public static Object normalise(Object value) {
        return switch (value) {
            case Map<?, ?> map -> {
                Map<String, Object> out = new LinkedHashMap<>();
                map.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
                yield out;
            }
            case List<?> list -> list.stream().map(YamlFiles::normalise).toList();
            case Integer i -> i.longValue();
            case Short s -> s.longValue();
            case Float f -> f.doubleValue();
            case null, default -> value;
        };
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static void list(Map<String, Object> out, String key, List<String> values) {
        if (values != null && !values.isEmpty()) {
            out.put(key, values);
        }
    }

    /** Block-style YAML with an optional comment header. */
    public static String dump(Object tree, String header) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(0);
        options.setDereferenceAliases(true);
        options.setSplitLines(false);
        String body = new Yaml(options).dump(tree);
        return header == null ? body : "# " + header + "\n" + body;
    }

    /**
     * Replaces {@code target} atomically: the text goes to a hidden temporary file in the same folder, is forced to
     * disk, then renamed over the target, so readers (and hot reload) never see half a file.
     */
    public static void writeAtomically(Path target, String text) throws IOException {
        Path folder = target.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        Path temp = folder.resolve("." + target.getFileName() + ".tmp-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
