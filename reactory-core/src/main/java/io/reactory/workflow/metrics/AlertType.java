package io.reactory.workflow.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The alerts a workflow's configuration can ask for in {@code monitoring.alerts}, by their YAML names, with when
 * each is raised. Thresholds are {@link AlertOptions}.
 */
public enum AlertType {
    /** An instance failed because it ran past the workflow {@code timeout}, or a step attempt overran its timeout. */
    EXECUTION_TIMEOUT(WorkflowAlert.Severity.WARNING),
    /** Failed step attempts reached the error-rate threshold over the latest attempts. */
    HIGH_ERROR_RATE(WorkflowAlert.Severity.CRITICAL),
    /** An instance completed later than the workflow's {@code monitoring.sla}, or failed while one is set. */
    SLA_BREACH(WorkflowAlert.Severity.WARNING),
    /** An instance failed (any reason). */
    WORKFLOW_FAILED(WorkflowAlert.Severity.WARNING),
    /** A circuit breaker guarding one of the workflow's steps opened. */
    CIRCUIT_OPEN(WorkflowAlert.Severity.CRITICAL),
    /** Attempts that scheduled a retry reached the retry-rate threshold over the latest attempts. */
    HIGH_RETRY_RATE(WorkflowAlert.Severity.WARNING);

    private final WorkflowAlert.Severity severity;

    AlertType(WorkflowAlert.Severity severity) {
        this.severity = severity;
    }

    /** The name in YAML and in the {@code alert} tag, e.g. {@code high_error_rate}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public WorkflowAlert.Severity severity() {
        return severity;
    }

    public static Optional<AlertType> fromConfigName(String name) {
        return Arrays.stream(values()).filter(t -> t.configName().equals(name)).findFirst();
    }

    public static List<String> configNames() {
        return Arrays.stream(values()).map(AlertType::configName).toList();
    }
}
