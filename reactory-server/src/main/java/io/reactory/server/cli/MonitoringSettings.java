package io.reactory.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactory.workflow.metrics.AlertOptions;
import io.reactory.workflow.metrics.MetricsOptions;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * The {@code monitoring:} section of {@code server.yml} and the log format:
 *
 * <pre>
 * monitoring:
 *   logFormat: json                 # text (default) or json; flag --log-format, env REACTORY_LOG_FORMAT
 *   jvmMetrics: true
 *   maxTagValues: 1000
 *   alerts: { cooldown: PT5M, window: 100, minimumAttempts: 20, errorRate: 0.25, retryRate: 0.20 }
 * </pre>
 *
 * @param logFormat {@code text} or {@code json}
 */
record MonitoringSettings(String logFormat, MetricsOptions metrics) {

    static MonitoringSettings resolve(String flag, JsonNode m, Map<String, String> env) {
        String format = flag != null ? flag : env.get("REACTORY_LOG_FORMAT") != null ? env.get("REACTORY_LOG_FORMAT")
                : m.hasNonNull("logFormat") ? m.get("logFormat").asText() : "text";
        if (!format.equals("text") && !format.equals("json")) {
            throw new IllegalArgumentException("the log format (--log-format, REACTORY_LOG_FORMAT or "
                    + "monitoring.logFormat) must be 'text' or 'json' but is '" + format + "'");
        }
        MetricsOptions metrics = MetricsOptions.DEFAULT;
        try {
            if (m.has("jvmMetrics")) {
                metrics = metrics.withJvmMetrics(m.get("jvmMetrics").asBoolean(true));
            }
            if (m.has("maxTagValues")) {
                metrics = metrics.withMaxTagValues(m.get("maxTagValues").asInt(-1));
            }
            JsonNode a = m.path("alerts");
            AlertOptions alerts = AlertOptions.DEFAULT;
            if (a.has("cooldown")) {
                alerts = alerts.withCooldown(duration(a.get("cooldown").asText(), "monitoring.alerts.cooldown"));
            }
            if (a.has("window") || a.has("minimumAttempts")) {
                alerts = alerts.withWindow(a.path("window").asInt(alerts.window()),
                        a.path("minimumAttempts").asInt(alerts.minimumAttempts()));
            }
            if (a.has("errorRate")) {
                alerts = alerts.withErrorRateThreshold(a.get("errorRate").asDouble(-1));
            }
            if (a.has("retryRate")) {
                alerts = alerts.withRetryRateThreshold(a.get("retryRate").asDouble(-1));
            }
            metrics = metrics.withAlerts(alerts);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("monitoring: " + e.getMessage(), e);
        }
        return new MonitoringSettings(format, metrics);
    }

    private static Duration duration(String text, String field) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(field + " must be an ISO-8601 duration such as PT5M but is '" + text + "'");
        }
    }
}
