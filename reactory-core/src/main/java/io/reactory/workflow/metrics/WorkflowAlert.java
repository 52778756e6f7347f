package io.reactory.workflow.metrics;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * An alert about a workflow, raised because its configuration asks for it ({@code monitoring.alerts}).
 *
 * @param workflowId the workflow concerned
 * @param message    a sentence for people; never workflow data, instance data or secrets
 * @param details    further fields for machines: counts, rates, thresholds, the instance id of the latest
 *                   occurrence, the dependency of an open breaker, {@code suppressed} (occurrences during the cooldown)
 * @param at         the engine clock's time
 */
public record WorkflowAlert(AlertType type, String workflowId, String message, Map<String, String> details, Instant at) {
    public WorkflowAlert {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(workflowId, "workflowId");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(at, "at");
        details = details == null ? Map.of() : Map.copyOf(details);
    }

    public Severity severity() {
        return type.severity();
    }

    /**
     * The alert as the lifecycle event stream carries it: source {@code workflow}, name the type with dashes
     * ({@code high-error-rate}), subject the workflow id.
     */
    public io.reactory.workflow.notification.Alert toNotification() {
        return io.reactory.workflow.notification.Alert.of("workflow", type.configName().replace('_', '-'), workflowId,
                io.reactory.workflow.notification.Alert.Severity.valueOf(severity().name()), message, details, at);
    }

    /** How urgent an alert is. */
    public enum Severity {
        INFO,
        WARNING,
        CRITICAL
    }
}
