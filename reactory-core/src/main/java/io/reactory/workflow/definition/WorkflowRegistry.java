package io.reactory.workflow.definition;

import io.reactory.workflow.api.WorkflowNotFoundException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Registered definitions by (id, version). Running instances look up the exact version they started with, so
 * registering v2 never changes what v1 instances do. Thread-safe.
 */
public final class WorkflowRegistry {
    private final Map<String, NavigableMap<WorkflowVersion, WorkflowDefinition>> byId = new ConcurrentHashMap<>();
    /** Exact (id, canonical version text) lookups: every round of every instance asks this. */
    private final Map<String, Map<String, WorkflowDefinition>> exact = new ConcurrentHashMap<>();

    /**
     * @throws DefinitionException when the same (id, version) is already registered with another definition object
     */
    public void register(WorkflowDefinition definition) {
        NavigableMap<WorkflowVersion, WorkflowDefinition> versions =
                byId.computeIfAbsent(definition.id(), id -> new ConcurrentSkipListMap<>());
        WorkflowDefinition previous = versions.putIfAbsent(definition.version(), definition);
        if (previous != null && previous != definition) {
            throw new DefinitionException(definition.id(), definition.version().text(),
                    "duplicate id: this workflow version is already registered");
        }
        exact.computeIfAbsent(definition.id(), id -> new ConcurrentHashMap<>()).put(definition.version().text(), definition);
    }

    /** Replaces a registered version (configuration reload of a declarative workflow); running instances keep theirs. */
    public void replace(WorkflowDefinition definition) {
        byId.computeIfAbsent(definition.id(), id -> new ConcurrentSkipListMap<>()).put(definition.version(), definition);
        exact.computeIfAbsent(definition.id(), id -> new ConcurrentHashMap<>()).put(definition.version().text(), definition);
    }

    /**
     * @param version the version, or null for the latest
     * @throws WorkflowNotFoundException when not registered
     */
    public WorkflowDefinition get(String workflowId, String version) {
        return find(workflowId, version).orElseThrow(() -> new WorkflowNotFoundException(workflowId, version));
    }

    public Optional<WorkflowDefinition> find(String workflowId, String version) {
        if (version != null) {
            Map<String, WorkflowDefinition> versions = exact.get(workflowId);
            WorkflowDefinition hit = versions == null ? null : versions.get(version);
            if (hit != null) {
                return Optional.of(hit);
            }
        }
        NavigableMap<WorkflowVersion, WorkflowDefinition> versions = byId.get(workflowId);
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        if (version == null) {
            return Optional.of(versions.lastEntry().getValue());
        }
        WorkflowVersion parsed;
        try {
            parsed = WorkflowVersion.parse(version);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.ofNullable(versions.get(parsed));
    }

    public Collection<WorkflowDefinition> all() {
        List<WorkflowDefinition> all = new ArrayList<>();
        byId.values().forEach(versions -> all.addAll(versions.values()));
        all.sort(java.util.Comparator.comparing(WorkflowDefinition::id).thenComparing(WorkflowDefinition::version));
        return all;
    }

    public int size() {
        return byId.values().stream().mapToInt(Map::size).sum();
    }
}
