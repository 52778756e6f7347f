package io.reactory.workflow.lifecycle;

import io.reactory.workflow.config.ConfigurationSet;
import io.reactory.workflow.config.WorkflowConfig;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The limits and configured dependencies in force: the options overlaid with the workflow configuration. Immutable;
 * replaced as a whole when configuration changes, so engine threads read one consistent snapshot without locking.
 */
record Limits(int globalConcurrency, Map<String, Integer> concurrency, Map<String, ResourceLimits> resources,
              ResourceLimits defaultResources, Map<String, List<WorkflowConfig.Dependency>> dependencies) {

    static Limits of(LifecycleOptions options, ConfigurationSet config) {
        Map<String, Integer> concurrency = new HashMap<>(options.concurrency());
        Map<String, ResourceLimits> resources = new HashMap<>(options.workflowResourceLimits());
        Map<String, List<WorkflowConfig.Dependency>> dependencies = new HashMap<>();
        if (config != null) {
            for (WorkflowConfig c : config.workflows().values()) {
                if (c.concurrency() != null) {
                    concurrency.put(c.id(), c.concurrency());
                }
                if (c.limits() != null) {
                    ResourceLimits yaml = new ResourceLimits(c.limits().maxSteps() == null ? 0 : c.limits().maxSteps(),
                            c.limits().maxDataSize() == null ? 0 : c.limits().maxDataSize());
                    resources.merge(c.id(), yaml, (fromOptions, fromYaml) -> fromYaml.orElse(fromOptions));
                }
                if (!c.dependencies().isEmpty()) {
                    dependencies.put(c.id(), c.dependencies());
                }
            }
        }
        resources.replaceAll((workflow, limits) -> limits.orElse(options.resourceLimits()));
        return new Limits(options.globalConcurrency(), Map.copyOf(concurrency), Map.copyOf(resources),
                options.resourceLimits(), Map.copyOf(dependencies));
    }

    /** The workflow's concurrency limit, or 0. */
    int concurrency(String workflowId) {
        Integer limit = concurrency.get(workflowId);
        return limit == null ? 0 : limit;
    }

    /** Must a start of this workflow be admitted against a limit? */
    boolean admits(String workflowId) {
        return globalConcurrency > 0 || concurrency.containsKey(workflowId);
    }

    /** The workflow's resource limits, or null when it has none (the engine then checks nothing). */
    ResourceLimits resources(String workflowId) {
        ResourceLimits limits = resources.get(workflowId);
        if (limits == null) {
            limits = defaultResources;
        }
        return limits.isNone() ? null : limits;
    }

    boolean anyResourceLimits() {
        return !defaultResources.isNone() || resources.values().stream().anyMatch(l -> !l.isNone());
    }

    List<WorkflowConfig.Dependency> configuredDependencies(String workflowId) {
        return dependencies.getOrDefault(workflowId, List.of());
    }
}
