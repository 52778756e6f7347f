package io.reactory.server.http;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.security.Action;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health, Prometheus metrics and the OpenAPI document. */
final class SystemRoutes {
    static final String VERSION = "0.1.0";
    private final WorkflowRunner runner;
    private final PrometheusMeterRegistry registry;
    private final Clock clock;
    private final Instant startedAt;
    private final byte[] openApi;

    private final MetricsHistory history;

    SystemRoutes(WorkflowRunner runner, PrometheusMeterRegistry registry, MetricsHistory history, Clock clock) {
        this.runner = runner;
        this.history = history;
        this.registry = registry;
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
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "UP");
        body.put("version", VERSION);
        body.put("store", runner.store().kind());
        body.put("time", clock.instant());
        body.put("uptimeSeconds", Duration.between(startedAt, clock.instant()).toSeconds());
        Api.json(call.ctx, 200, body);
    }

    private void metrics(Call call) {
        call.require(Action.READ_METRICS);
        call.ctx.status(200);
        call.ctx.contentType("text/plain; version=0.0.4; charset=utf-8");
        call.ctx.result(registry.scrape());
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
