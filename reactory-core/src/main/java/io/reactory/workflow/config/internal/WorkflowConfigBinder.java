package io.reactory.workflow.config.internal;

import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.definition.WorkflowVersion;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Binds and checks one {@code workflows/*.yml} tree (the specification's workflow configuration). */
public final class WorkflowConfigBinder {
    /** Workflow ids, namespaces and schedule ids: a letter or digit, then letters, digits, '.', '_' or '-'. */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
    public static final List<String> PRIORITIES = List.of("high", "normal", "low");
    public static final List<String> CONDITIONS = List.of("completed", "failed", "finished");
    public static final List<String> CORRELATIONS = List.of("reference", "any");
    /** Metric names the monitoring section may ask for (owned by the metrics capability). */
    public static final List<String> METRICS = List.of("execution_time", "error_rate", "throughput", "retry_rate",
            "step_duration", "queue_depth", "sla_compliance", "completions");
    /** Alert names the monitoring section may raise (owned by the metrics capability). */
    public static final List<String> ALERTS = List.of("execution_timeout", "high_error_rate", "sla_breach",
            "workflow_failed", "circuit_open", "high_retry_rate");
    private static final Pattern PERMISSION = Pattern.compile("[A-Za-z0-9_*-]+(:[A-Za-z0-9_*-]+)*");
    private static final long MAX_TIMEOUT_MILLIS = 366L * 24 * 3600 * 1000;

    private WorkflowConfigBinder() {}

    public static WorkflowConfig bind(YNode root, Problems problems) {
        Fields f = Fields.of(root, "", problems);
        String id = id(f, "id", true);
        String nameSpace = id(f, "nameSpace", false);
        String name = f.string("name", false);
        String version = version(f, "version");
        Boolean enabled = f.bool("enabled");
        Integer maxRetries = f.smallInteger("maxRetries", false, 0, 100);
        Long timeout = f.integer("timeout", false, 1, MAX_TIMEOUT_MILLIS);
        String priority = f.choice("priority", false, PRIORITIES);
        Integer concurrency = f.smallInteger("concurrency", false, 1, 100_000);
        List<WorkflowConfig.Dependency> dependencies = dependencies(f, id);
        var properties = f.plainMap("properties");
        WorkflowConfig.Security security = security(f.object("security", false));
        WorkflowConfig.Monitoring monitoring = monitoring(f.object("monitoring", false));
        WorkflowConfig.Limits limits = limits(f.object("limits", false));
        f.finish();
        return new WorkflowConfig(id, nameSpace, name, version, enabled, maxRetries, timeout, priority, concurrency,
                dependencies, properties, security, monitoring, limits);
    }

    static String id(Fields f, String key, boolean required) {
        String value = f.string(key, required);
        if (value != null && !ID.matcher(value).matches()) {
            f.problems().error(f.at(key), f.path(key), "must start with a letter or digit and contain only letters,"
                    + " digits, '.', '_' or '-' (at most 128) but is '" + Fields.abbreviate(value) + "'");
            return null;
        }
        return value;
    }

    static String version(Fields f, String key) {
        String value = f.string(key, false);
        if (value == null) {
            return null;
        }
        try {
            WorkflowVersion.parse(value);
            return value.trim();
        } catch (IllegalArgumentException e) {
            f.problems().error(f.at(key), f.path(key), e.getMessage());
            return null;
        }
    }

    private static List<WorkflowConfig.Dependency> dependencies(Fields f, String self) {
        YNode.YList list = f.list("dependencies");
        if (list == null) {
            return null;
        }
        List<WorkflowConfig.Dependency> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < list.items().size(); i++) {
            YNode item = list.items().get(i);
            String path = "dependencies[" + i + "]";
            WorkflowConfig.Dependency dependency;
            if (item instanceof YNode.YScalar scalar && !scalar.isNull()) {
                String target = scalar.value() instanceof String s ? s : scalar.text();
                if (!ID.matcher(target).matches()) {
                    f.problems().error(item.origin(), path, "'" + Fields.abbreviate(target) + "' is not a workflow id");
                    continue;
                }
                dependency = WorkflowConfig.Dependency.of(target);
            } else if (item instanceof YNode.YMap) {
                Fields d = Fields.of(item, path, f.problems());
                String target = id(d, "workflowId", true);
                String condition = d.choice("condition", false, CONDITIONS);
                String correlate = d.choice("correlate", false, CORRELATIONS);
                d.finish();
                if (target == null) {
                    continue;
                }
                dependency = new WorkflowConfig.Dependency(target, condition == null ? "completed" : condition, correlate);
            } else {
                f.problems().error(item.origin(), path, "must be a workflow id or { workflowId, condition } but is "
                        + item.describe());
                continue;
            }
            if (dependency.workflowId().equals(self)) {
                f.problems().error(item.origin(), path, "a workflow cannot depend on itself");
            } else if (!seen.add(dependency.workflowId())) {
                f.problems().error(item.origin(), path, "'" + dependency.workflowId() + "' is listed twice");
            } else {
                out.add(dependency);
            }
        }
        return out;
    }

    private static WorkflowConfig.Security security(Fields f) {
        if (f == null) {
            return null;
        }
        List<String> permissions = f.strings("permissions");
        if (permissions != null) {
            for (int i = 0; i < permissions.size(); i++) {
                if (!PERMISSION.matcher(permissions.get(i)).matches()) {
                    f.problems().error(((YNode.YList) f.node("permissions")).items().get(i).origin(),
                            f.path("permissions") + "[" + i + "]", "a permission is 'resource:action' (letters, digits,"
                                    + " '_', '-', '*') but is '" + Fields.abbreviate(permissions.get(i)) + "'");
                }
            }
        }
        Boolean requireAuth = f.bool("requireAuth");
        List<String> roles = f.strings("allowedRoles");
        if (roles != null) {
            for (int i = 0; i < roles.size(); i++) {
                if (roles.get(i).isBlank()) {
                    f.problems().error(((YNode.YList) f.node("allowedRoles")).items().get(i).origin(),
                            f.path("allowedRoles") + "[" + i + "]", "a role must not be blank");
                }
            }
        }
        f.finish();
        return new WorkflowConfig.Security(permissions, requireAuth, roles);
    }

    private static WorkflowConfig.Limits limits(Fields f) {
        if (f == null) {
            return null;
        }
        Long maxSteps = f.integer("maxSteps", false, 1, Long.MAX_VALUE);
        Long maxDataSize = f.integer("maxDataSize", false, 1, Long.MAX_VALUE);
        f.finish();
        return new WorkflowConfig.Limits(maxSteps, maxDataSize);
    }

    private static WorkflowConfig.Monitoring monitoring(Fields f) {
        if (f == null) {
            return null;
        }
        Boolean enabled = f.bool("enabled");
        List<String> metrics = names(f, "metrics", METRICS, "metric");
        List<String> alerts = names(f, "alerts", ALERTS, "alert");
        Long sla = f.integer("sla", false, 1, MAX_TIMEOUT_MILLIS);
        f.finish();
        return new WorkflowConfig.Monitoring(enabled, metrics, alerts, sla);
    }

    private static List<String> names(Fields f, String key, List<String> known, String what) {
        List<String> values = f.strings(key);
        if (values == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (known.contains(value)) {
                out.add(value);
            } else {
                f.problems().error(((YNode.YList) f.node(key)).items().get(i).origin(), f.path(key) + "[" + i + "]",
                        "unknown " + what + " '" + Fields.abbreviate(value) + "'" + Suggestions.didYouMean(value, known));
            }
        }
        return out;
    }
}
