package io.reactory.server.http;

import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.health.Health;
import io.reactory.workflow.health.HealthReport;
import io.reactory.workflow.health.SystemHealth;
import io.reactory.workflow.metrics.WorkflowMetrics;
import io.reactory.workflow.security.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Health, Prometheus metrics (and the dashboard's sampled series of them) and the OpenAPI document.
 *
 * <p>{@code GET /workflow/status} is the readiness probe: 200 while the system is {@code UP} or {@code DEGRADED},
 * 503 when a critical component (engine, store) is {@code DOWN}. {@code ?probe=live} is the liveness probe: 503 only
 * when the engine itself has stopped.
 */
final class SystemRoutes {
    static final String VERSION = "0.1.0";
    private final WorkflowRunner runner;
    private final WorkflowMetrics metrics;
    private final SystemHealth health;
    private final MetricsHistory history;
    private final Clock clock;
    private final Instant startedAt;
    private final byte[] openApi;

    SystemRoutes(WorkflowRunner runner, WorkflowMetrics metrics, SystemHealth health, MetricsHistory history, Clock clock) {
        this.runner = runner;
        this.metrics = metrics;
        this.health = health;
        this.history = history;
        this.clock = clock;
        this.startedAt = clock.instant();
        this.openApi = openApiDocument();
    }

    static byte[] openApiDocument() {
        try (InputStream in = SystemRoutes.class.getResourceAsStream("/openapi.yaml")) {
            if (in == null) {
                throw new IllegalStateException("openapi.yaml is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void register(Api api) {
        api.route("GET", "/workflow/status", "system.status", RouteSpec.Access.PUBLIC, this::status);
        api.route("GET", "/workflow/metrics", "system.metrics", RouteSpec.Access.AUTHENTICATED, this::metrics);
        api.route("GET", "/workflow/metrics/series", "system.metrics-series", RouteSpec.Access.AUTHENTICATED,
                this::series);
        api.route("GET", "/workflow/openapi.yaml", "system.openapi", RouteSpec.Access.PUBLIC, this::openApi);
    }

    private void status(Call call) {
        String probe = call.ctx.queryParam("probe");
        if (probe != null && !probe.equals("live") && !probe.equals("ready")) {
            throw ProblemException.invalid("probe must be 'live' or 'ready' but is '" + Requests.cut(probe, 40) + "'");
        }
        HealthReport report = "live".equals(probe) ? health.live() : health.check();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", report.status().name());
        body.put("ready", report.ready());
        body.put("version", VERSION);
        body.put("store", runner.store().kind());
        body.put("time", clock.instant());
        body.put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
        Map<String, Object> components = new LinkedHashMap<>();
        report.components().forEach((name, c) -> components.put(name, component(c)));
        body.put("components", components);
        Api.json(call.ctx, report.ready() ? 200 : 503, body);
    }

    private static Map<String, Object> component(HealthReport.Component c) {
        Health h = c.health();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", h.status().name());
        out.put("critical", c.critical());
        if (h.detail() != null) {
            out.put("detail", h.detail());
        }
        if (!h.details().isEmpty()) {
            out.put("details", h.details());
        }
        return out;
    }

    private void metrics(Call call) {
        call.require(Action.READ_METRICS);
        metrics.refresh();
        call.ctx.status(200);
        call.ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        call.ctx.result(((io.micrometer.prometheusmetrics.PrometheusMeterRegistry) metrics.registry()).scrape());
    }

    /** The overview charts' data: rates and levels over the last {@code minutes} (1 to the history's window). */
    private void series(Call call) {
        call.require(Action.READ_METRICS);
        int maxMinutes = (int) Math.max(1, history.window().toMinutes());
        int minutes = Requests.intQuery(call.ctx, "minutes", maxMinutes, 1, maxMinutes);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("step", history.step().toString());
        body.put("window", Duration.ofMinutes(minutes).toString());
        body.put("points", history.points(Duration.ofMinutes(minutes)));
        Api.json(call.ctx, 200, body);
    }

    private void openApi(Call call) {
        call.ctx.status(200);
        call.ctx.contentType("application/yaml");
        call.ctx.result(openApi);
    }
}
