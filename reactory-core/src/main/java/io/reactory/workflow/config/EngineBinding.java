package io.reactory.workflow.config;

import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.StartInterceptor;
import io.reactory.workflow.api.WorkflowDisabledException;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.definition.WorkflowVersion;
import io.reactory.workflow.internal.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Makes configuration take effect on a runner: a start interceptor (enabled, default input data from
 * {@code properties}, default priority) and registered definitions with the configured {@code maxRetries} and
 * {@code timeout} as workflow options. Declarative definitions are registered here too. Called under the manager's
 * reload lock; the interceptor reads the set in force, so it sees one configuration or the next, never a mix.
 */
final class EngineBinding implements StartInterceptor {
    private final WorkflowRunner runner;
    private final Supplier<ConfigurationSet> current;
    /** Every definition as registered before configuration changed its options, by {@code id@version}. */
    private final Map<String, WorkflowDefinition> originals = new ConcurrentHashMap<>();
    /** Definitions registered from YAML, by {@code id@version}. */
    private final Map<String, WorkflowDefinition> declared = new ConcurrentHashMap<>();

    EngineBinding(WorkflowRunner runner, Supplier<ConfigurationSet> current) {
        this.runner = runner;
        this.current = current;
    }

    static String key(WorkflowDefinition definition) {
        return definition.id() + "@" + definition.version().text();
    }

    Map<String, WorkflowDefinition> declared() {
        return Map.copyOf(declared);
    }

    /** Java-registered workflows: id → versions (declarative ones left out). */
    Map<String, Set<String>> javaVersions() {
        Map<String, Set<String>> out = new HashMap<>();
        for (WorkflowDefinition definition : runner.definitions()) {
            if (!declared.containsKey(key(definition))) {
                out.computeIfAbsent(definition.id(), id -> new TreeSet<>()).add(definition.version().text());
            }
        }
        return out;
    }

    /** Registers the set's declarative definitions and applies every configuration's options. */
    void apply(ConfigurationSet next) {
        for (WorkflowDefinition definition : runner.definitions()) {
            originals.putIfAbsent(key(definition), definition);
        }
        for (WorkflowDefinition definition : next.definitions()) {
            String key = key(definition);
            WorkflowDefinition effective = withConfiguration(definition, next.workflows().get(definition.id()));
            if (declared.containsKey(key) || originals.containsKey(key)) {
                runner.replaceWorkflow(effective);
            } else {
                runner.registerWorkflow(effective);
            }
            declared.put(key, definition);
            originals.put(key, definition);
        }
        for (Map.Entry<String, WorkflowDefinition> entry : originals.entrySet()) {
            WorkflowDefinition original = entry.getValue();
            if (next.definitions().stream().anyMatch(d -> key(d).equals(entry.getKey()))) {
                continue;
            }
            WorkflowDefinition effective = withConfiguration(original, next.workflows().get(original.id()));
            WorkflowDefinition registered = runner.definitions().stream().filter(d -> key(d).equals(entry.getKey()))
                    .findFirst().orElse(null);
            if (registered != null && !registered.options().equals(effective.options())) {
                runner.replaceWorkflow(effective);
            }
        }
    }

    /** {@code maxRetries} → default retry attempts ({@code maxRetries + 1}), {@code timeout} → workflow timeout. */
    static WorkflowDefinition withConfiguration(WorkflowDefinition definition, WorkflowConfig config) {
        if (config == null || !appliesTo(config, definition) || (config.maxRetries() == null && config.timeoutMillis() == null)) {
            return definition;
        }
        return ConfiguredErrorHandling.apply(config, definition);
    }

    /** A configuration with a {@code version} applies to that version only. */
    static boolean appliesTo(WorkflowConfig config, WorkflowDefinition definition) {
        return config.version() == null || WorkflowVersion.parse(config.version()).equals(definition.version());
    }

    @Override
    public StartRequest beforeStart(StartRequest request) {
        if (declared.containsKey(key(request.definition()))) {
            // output mappings write into the data: give declarative workflows a mutable copy of what the caller passed
            request = request.withData(request.data() == null ? new LinkedHashMap<String, Object>()
                    : deepCopy(Json.convert(request.data(), Map.class)));
        }
        WorkflowConfig config = current.get().workflows().get(request.definition().id());
        if (config == null || !appliesTo(config, request.definition())) {
            return request;
        }
        if (!config.isEnabled()) {
            throw new WorkflowDisabledException(config.id());
        }
        StartRequest out = request;
        if (!config.properties().isEmpty()) {
            out = out.withData(withDefaults(config.properties(), request.data()));
        }
        if (config.priority() != null && !request.options().hasPriority()) {
            out = out.withOptions(out.options().withPriority(Priority.parse(config.priority())));
        }
        return out;
    }

    /** The caller's data laid over the configured properties: the caller wins, nested maps are merged. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> withDefaults(Map<String, Object> properties, Object data) {
        Map<String, Object> merged = deepCopy(properties);
        if (data == null) {
            return merged;
        }
        Map<String, Object> given = Json.convert(data, Map.class);
        given.forEach((key, value) -> {
            Object base = merged.get(key);
            if (base instanceof Map<?, ?> b && value instanceof Map<?, ?> v) {
                merged.put(key, withDefaults((Map<String, Object>) b, v));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepCopy(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((key, value) -> out.put(String.valueOf(key), copy(value)));
        return out;
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            return deepCopy(m);
        }
        if (value instanceof java.util.List<?> l) {
            java.util.List<Object> out = new java.util.ArrayList<>(l.size());
            l.forEach(item -> out.add(copy(item)));
            return out;
        }
        return value;
    }
}
