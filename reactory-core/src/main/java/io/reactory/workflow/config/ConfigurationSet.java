package io.reactory.workflow.config;

import io.reactory.workflow.definition.WorkflowDefinition;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One validated, effective configuration: the workflow configurations, schedules and declarative definitions of an
 * environment (base files with the environment's overlays applied). Immutable; the manager swaps whole sets
 * atomically, so a reader never sees half of a reload.
 *
 * @param environment the environment, or null for the base configuration alone
 * @param generation  increases with every applied reload (0 for a set that was only loaded, never applied)
 * @param files       the file each configuration came from, keyed {@code workflow:<id>}, {@code schedule:<id>} or
 *                    {@code definition:<id>@<version>}
 */
public record ConfigurationSet(String environment, long generation, Map<String, WorkflowConfig> workflows,
                               Map<String, ScheduleConfig> schedules, List<WorkflowDefinition> definitions,
                               Map<String, String> files) {

    public static final ConfigurationSet EMPTY = new ConfigurationSet(null, 0, Map.of(), Map.of(), List.of(), Map.of());

    public ConfigurationSet {
        workflows = Collections.unmodifiableMap(new LinkedHashMap<>(workflows));
        schedules = Collections.unmodifiableMap(new LinkedHashMap<>(schedules));
        definitions = List.copyOf(definitions);
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    public Optional<WorkflowConfig> workflow(String workflowId) {
        return Optional.ofNullable(workflows.get(workflowId));
    }

    public Optional<ScheduleConfig> schedule(String scheduleId) {
        return Optional.ofNullable(schedules.get(scheduleId));
    }

    ConfigurationSet withGeneration(long value) {
        return new ConfigurationSet(environment, value, workflows, schedules, definitions, files);
    }
}
