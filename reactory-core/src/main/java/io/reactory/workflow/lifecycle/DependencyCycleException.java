package io.reactory.workflow.lifecycle;

import java.util.List;

/**
 * Adding a dependency would make instances wait for each other for ever; nothing was added. The message names the
 * cycle, for example {@code process-results [reference 2026-11-25] → data-extraction [reference 2026-11-25] →
 * process-results [reference 2026-11-25]}.
 */
public class DependencyCycleException extends LifecycleException {
    private final List<String> cycle;

    public DependencyCycleException(String instanceId, List<String> cycle) {
        super(instanceId, "dependency cycle: " + String.join(" → ", cycle));
        this.cycle = List.copyOf(cycle);
    }

    /** The instances and workflows of the cycle, first and last the same. */
    public List<String> cycle() {
        return cycle;
    }
}
