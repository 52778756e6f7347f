package io.reactory.workflow.health;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The system's health at one moment: each component's, and the overall status.
 *
 * @param status     {@code DOWN} when a critical component is down; {@code DEGRADED} when any other component is down
 *                   or degraded; otherwise {@code UP}
 * @param components by name, in registration order
 */
public record HealthReport(Health.Status status, Map<String, Component> components, Instant at) {
    public HealthReport {
        components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    /** Ready to take work (readiness probe): not {@code DOWN}. */
    public boolean ready() {
        return status != Health.Status.DOWN;
    }

    /**
     * One component's health.
     *
     * @param critical whether its being down makes the system not ready
     */
    public record Component(Health health, boolean critical) {}
}
