package io.reactory.workflow.metrics;

import io.reactory.workflow.config.WorkflowConfig;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a workflow's {@code monitoring} section asks of metrics and alerts, resolved once per configuration change.
 *
 * <p>The counters of starts, completions, failures and cancellations (which {@code getWorkflowStats} agrees with) are
 * always kept. {@code monitoring.metrics}, when given, picks the optional series: {@code execution_time} (the
 * execution-time histogram), {@code step_duration} (step attempts and their histogram), {@code error_rate} (errors
 * by type and classification), {@code retry_rate} (step retries), {@code sla_compliance} (the SLA counter, for a
 * workflow with an {@code sla}); {@code throughput}, {@code completions} and {@code queue_depth} name series that are always kept.
 * Without the list every optional series is kept. {@code enabled: false} drops the optional series, the SLA and the
 * alerts of the workflow. Without any configuration: every series, no SLA, no alerts.
 */
record MonitoringSettings(boolean executionTime, boolean stepDuration, boolean errors, boolean retries,
                          boolean slaCompliance, Duration sla, Set<AlertType> alerts) {

    static final MonitoringSettings DEFAULT = new MonitoringSettings(true, true, true, true, true, null, Set.of());
    private static final MonitoringSettings DISABLED = new MonitoringSettings(false, false, false, false, false, null,
            Set.of());

    static MonitoringSettings of(Optional<WorkflowConfig> config) {
        WorkflowConfig.Monitoring monitoring = config.map(WorkflowConfig::monitoring).orElse(null);
        if (monitoring == null) {
            return DEFAULT;
        }
        if (!monitoring.isEnabled()) {
            return DISABLED;
        }
        List<String> metrics = monitoring.metrics();
        boolean all = metrics.isEmpty();
        EnumSet<AlertType> alerts = EnumSet.noneOf(AlertType.class);
        monitoring.alerts().forEach(name -> AlertType.fromConfigName(name).ifPresent(alerts::add));
        Duration sla = monitoring.slaMillis() == null ? null : Duration.ofMillis(monitoring.slaMillis());
        return new MonitoringSettings(all || metrics.contains("execution_time"), all || metrics.contains("step_duration"),
                all || metrics.contains("error_rate"), all || metrics.contains("retry_rate"),
                all || metrics.contains("sla_compliance"), sla, Set.copyOf(alerts));
    }

    boolean alert(AlertType type) {
        return alerts.contains(type);
    }
}
