package io.reactory.workflow.metrics;

import io.reactory.workflow.api.MdcKeys;
import io.reactory.workflow.api.StatusChange;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Raises the workflow alerts: decides when (thresholds and cooldown of {@link AlertOptions}), then logs each alert
 * (WARN, with the workflow in the MDC), counts it ({@code reactory.alerts}) and hands it to the listeners.
 */
final class AlertMonitor {
    private static final Logger log = LoggerFactory.getLogger(AlertMonitor.class);

    private final AlertOptions options;
    private volatile Clock clock;
    private final MeterFactory meters;
    private final List<AlertListener> listeners = new CopyOnWriteArrayList<>();

    AlertMonitor(AlertOptions options, Clock clock, MeterFactory meters) {
        this.options = options;
        this.clock = clock;
        this.meters = meters;
    }

    /** The engine's clock, for the time of alerts raised by step events. */
    void clock(Clock value) {
        this.clock = value;
    }

    void addListener(AlertListener listener) {
        listeners.add(listener);
    }

    /** An instance finished: failures, timeouts and SLA misses. */
    void finished(WorkflowMeters m, MonitoringSettings s, StatusChange change, WorkflowMeters.SlaResult sla,
                  Duration took) {
        if (change.to() == io.reactory.workflow.api.WorkflowStatus.FAILED) {
            String reason = change.failureReason() == null ? "unknown" : change.failureReason();
            if (s.alert(AlertType.WORKFLOW_FAILED)) {
                raise(m, AlertType.WORKFLOW_FAILED, change.at(), "instance " + change.instanceId() + " of workflow "
                        + m.workflowId + " failed (" + reason + ")", details(change, "reason", reason));
            }
            if ("TIMEOUT".equals(reason) && s.alert(AlertType.EXECUTION_TIMEOUT)) {
                raise(m, AlertType.EXECUTION_TIMEOUT, change.at(), "instance " + change.instanceId() + " of workflow "
                        + m.workflowId + " ran past its timeout", details(change, "reason", reason));
            }
        }
        if (sla != null && sla != WorkflowMeters.SlaResult.MET && s.alert(AlertType.SLA_BREACH)) {
            Map<String, String> details = details(change, "sla", s.sla().toString());
            if (took != null) {
                details.put("took", took.toString());
            }
            details.put("result", ReactoryMetrics.lower(sla));
            raise(m, AlertType.SLA_BREACH, change.at(), "instance " + change.instanceId() + " of workflow " + m.workflowId
                    + (sla == WorkflowMeters.SlaResult.LATE ? " completed after its SLA of " : " failed within its SLA of ")
                    + s.sla(), details);
        }
    }

    /** A step attempt overran its timeout. */
    void stepTimedOut(WorkflowMeters m, MonitoringSettings s, String instanceId, String step) {
        if (s.alert(AlertType.EXECUTION_TIMEOUT)) {
            Instant now = clock.instant();
            Map<String, String> details = new LinkedHashMap<>();
            details.put("instanceId", instanceId);
            details.put("step", step);
            raise(m, AlertType.EXECUTION_TIMEOUT, now, "step " + step + " of instance " + instanceId + " of workflow "
                    + m.workflowId + " ran past its timeout", details);
        }
    }

    /** A step attempt finished; the rate alerts are checked. */
    void attempt(WorkflowMeters m, MonitoringSettings s, boolean failed) {
        if (s.alert(AlertType.HIGH_ERROR_RATE) || s.alert(AlertType.HIGH_RETRY_RATE)) {
            rates(m, s, m.alerts.attempt(failed));
        }
    }

    /** A failed attempt scheduled a retry. */
    void retried(WorkflowMeters m, MonitoringSettings s) {
        if (s.alert(AlertType.HIGH_ERROR_RATE) || s.alert(AlertType.HIGH_RETRY_RATE)) {
            rates(m, s, m.alerts.retried());
        }
    }

    private void rates(WorkflowMeters m, MonitoringSettings s, int crossed) {
        if (crossed == 0) {
            return;
        }
        double[] rates = m.alerts.rates();
        if ((crossed & AlertState.ERROR_RATE_CROSSED) != 0 && s.alert(AlertType.HIGH_ERROR_RATE)) {
            raise(m, AlertType.HIGH_ERROR_RATE, clock.instant(), "workflow " + m.workflowId + ": " + percent(rates[1])
                    + " of the latest " + (long) rates[0] + " step attempts failed (threshold "
                    + percent(options.errorRateThreshold()) + ")", rateDetails(rates[0], rates[1], options.errorRateThreshold()));
        }
        if ((crossed & AlertState.RETRY_RATE_CROSSED) != 0 && s.alert(AlertType.HIGH_RETRY_RATE)) {
            raise(m, AlertType.HIGH_RETRY_RATE, clock.instant(), "workflow " + m.workflowId + ": " + percent(rates[2])
                    + " of the latest " + (long) rates[0] + " step attempts are being retried (threshold "
                    + percent(options.retryRateThreshold()) + ")", rateDetails(rates[0], rates[2], options.retryRateThreshold()));
        }
    }

    /** A breaker guarding a step of this workflow opened. */
    void breakerOpened(WorkflowMeters m, MonitoringSettings s, String dependency, Instant at) {
        if (s.alert(AlertType.CIRCUIT_OPEN)) {
            Map<String, String> details = new LinkedHashMap<>();
            details.put("dependency", dependency);
            raise(m, AlertType.CIRCUIT_OPEN, at, "the circuit breaker of '" + dependency + "', which workflow "
                    + m.workflowId + " calls, opened", details);
        }
    }

    private void raise(WorkflowMeters m, AlertType type, Instant at, String message, Map<String, String> details) {
        int suppressed = m.alerts.admit(type, at);
        if (suppressed < 0) {
            return;
        }
        if (suppressed > 0) {
            details.put("suppressed", Integer.toString(suppressed));
        }
        WorkflowAlert alert = new WorkflowAlert(type, m.workflowId, message, details, at);
        MDC.put(MdcKeys.WORKFLOW_ID, m.workflowId);
        try {
            log.warn("alert {} ({}): {}", type.configName(), alert.severity(), message);
        } finally {
            MDC.remove(MdcKeys.WORKFLOW_ID);
        }
        meters.counter(ReactoryMetrics.ALERTS, m.workflowId, type.configName(), alert.severity().name()).increment();
        for (AlertListener listener : listeners) {
            try {
                listener.alert(alert);
            } catch (RuntimeException e) {
                log.warn("an alert listener failed: {}", e.toString());
            }
        }
    }

    private static Map<String, String> details(StatusChange change, String key, String value) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("instanceId", change.instanceId());
        details.put("version", change.version());
        details.put(key, value);
        return details;
    }

    private static Map<String, String> rateDetails(double attempts, double rate, double threshold) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("attempts", Long.toString((long) attempts));
        details.put("rate", String.format(Locale.ROOT, "%.3f", rate));
        details.put("threshold", String.format(Locale.ROOT, "%.3f", threshold));
        return details;
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f%%", rate * 100);
    }
}
