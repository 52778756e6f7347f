package io.reactory.workflow.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A workflow's configuration, field for field as the specification's {@code config/workflows/*.yml}:
 *
 * <pre>
 * id: "data-processing"
 * nameSpace: "etl"
 * name: "Data Processing Pipeline"
 * version: "1.0"
 * enabled: true
 * maxRetries: 3
 * timeout: 300000        # milliseconds
 * priority: "normal"
 * concurrency: 5
 * dependencies: ["data-validation"]
 * properties: { batchSize: 1000 }
 * security: { permissions: [...], requireAuth: true, allowedRoles: [...] }
 * monitoring: { enabled: true, metrics: [...], alerts: [...] }
 * limits: { maxSteps: 10000, maxDataSize: 1048576 }   # Reactory's addition (LifecycleManager)
 * </pre>
 *
 * Absent fields are null (or empty); defaults are applied where the configuration takes effect, not here. As JSON
 * (Jackson) the record uses the YAML names ({@code timeout}, {@code sla}), so the API shows what the files say.
 *
 * @param timeoutMillis the YAML {@code timeout}, in milliseconds as the specification writes it
 */
public record WorkflowConfig(String id, String nameSpace, String name, String version, Boolean enabled,
                             Integer maxRetries, @JsonProperty("timeout") Long timeoutMillis, String priority, Integer concurrency,
                             List<Dependency> dependencies, Map<String, Object> properties, Security security,
                             Monitoring monitoring, Limits limits) {

    public WorkflowConfig {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        properties = properties == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }

    /** The specification's fields only (no {@code limits}). */
    public WorkflowConfig(String id, String nameSpace, String name, String version, Boolean enabled, Integer maxRetries,
                          Long timeoutMillis, String priority, Integer concurrency, List<Dependency> dependencies,
                          Map<String, Object> properties, Security security, Monitoring monitoring) {
        this(id, nameSpace, name, version, enabled, maxRetries, timeoutMillis, priority, concurrency, dependencies,
                properties, security, monitoring, null);
    }

    /** {@code enabled} with its default, true. */
    @JsonIgnore
    public boolean isEnabled() {
        return enabled == null || enabled;
    }

    /** The workflow timeout, or null when none is configured. */
    @JsonIgnore
    public Duration timeout() {
        return timeoutMillis == null ? null : Duration.ofMillis(timeoutMillis);
    }

    /**
     * One entry of {@code dependencies}: the specification writes both a bare workflow id ({@code "data-validation"})
     * and {@code { workflowId, condition }}.
     *
     * @param condition {@code completed} (default), {@code failed} or {@code finished}
     * @param correlate how the dependency is matched to the dependent instance: {@code reference} (the default when
     *                  null: the latest instance of that workflow with the dependent's business reference; any
     *                  reference when the dependent has none) or {@code any} (the latest instance, whatever its
     *                  reference)
     */
    public record Dependency(String workflowId, String condition, String correlate) {
        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        public static Dependency of(String workflowId) {
            return new Dependency(workflowId, "completed", null);
        }
    }

    /**
     * The {@code limits} section (Reactory's addition): what one instance may use before it fails with reason
     * {@code RESOURCE_LIMIT}, enforced by the LifecycleManager. Null fields are not limited.
     *
     * @param maxSteps    step activations per instance
     * @param maxDataSize bytes of the instance's data as JSON
     */
    public record Limits(Long maxSteps, Long maxDataSize) {}

    /** The {@code security} section. */
    public record Security(List<String> permissions, Boolean requireAuth, List<String> allowedRoles) {
        public Security {
            permissions = permissions == null ? List.of() : List.copyOf(permissions);
            allowedRoles = allowedRoles == null ? List.of() : List.copyOf(allowedRoles);
        }

        @JsonIgnore
        public boolean isAuthRequired() {
            return requireAuth == null || requireAuth;
        }
    }

    /**
     * The {@code monitoring} section.
     *
     * @param slaMillis an optional SLA in milliseconds: instances finishing later count as SLA misses
     */
    public record Monitoring(Boolean enabled, List<String> metrics, List<String> alerts,
                             @JsonProperty("sla") Long slaMillis) {
        public Monitoring {
            metrics = metrics == null ? List.of() : List.copyOf(metrics);
            alerts = alerts == null ? List.of() : List.copyOf(alerts);
        }

        @JsonIgnore
        public boolean isEnabled() {
            return enabled == null || enabled;
        }
    }
}
