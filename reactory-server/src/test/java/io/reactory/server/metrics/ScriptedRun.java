package io.reactory.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.server.http.ConfigService;
import io.reactory.server.http.Http;
import io.reactory.server.http.ReactoryServer;
import io.reactory.server.http.ServerOptions;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.ReloadStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.metrics.MetricsOptions;
import io.reactory.workflow.metrics.WorkflowAlert;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.resilience.CircuitBreakerOptions;
import io.reactory.workflow.resilience.RetryOptions;
import io.reactory.workflow.security.RateLimitOptions;
import io.reactory.workflow.security.SecurityOptions;
import io.reactory.workflow.security.TestTokens;
import io.reactory.workflow.security.WorkflowSecurityManager;
import io.reactory.workflow.testing.ManualClock;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The scripted run on a real server: successes, failures, retries, an open breaker, a late schedule, an SLA
 * miss, a cancellation, a refused configuration change, failed authentication, a rate-limit hit; then
 * {@code GET /workflow/metrics} scraped over HTTP and parsed as Prometheus text. The engine runs under a manual clock
 * on the test thread, so durations are exact.
 *
 * <p>The Scheduler (issue 5) and the LifecycleManager (issue 6) are not on this branch: their events come from test
 * doubles calling {@code metrics.scheduler()} and {@code metrics.lifecycle()}, the interfaces they report through.
 */
final class ScriptedRun implements AutoCloseable {
    final ManualClock clock = ManualClock.startingAt2026();
    final List<WorkflowAlert> alerts = new CopyOnWriteArrayList<>();
    final Set<String> instanceIds = new HashSet<>();
    final TestWorkflowEnvironment env;
    final ConfigurationManager config;
    final ReactoryServer server;
    final Http http;
    final String admin;
    final Path dir;
    final PrometheusText scrape;

    /** Workflow data of the scripted run. */
    public static class Order {
        public int amount;
        public int calls;
    }

    ScriptedRun() throws Exception {
        env = TestWorkflowEnvironment.create(new InMemoryWorkflowStore(), clock);
        WorkflowRunner runner = env.runner();
        register(runner);
        runner.errorHandler().configureCircuitBreaker("payments", CircuitBreakerOptions.builder()
                .failureRateThreshold(0).consecutiveFailures(2).openDuration(Duration.ofMinutes(1)).build());
        dir = Files.createTempDirectory("reactory-observability");
        Files.createDirectories(dir.resolve("workflows"));
        write("orders", "monitoring: { sla: 1000, alerts: [sla_breach, workflow_failed] }");
        write("broken", "monitoring: { alerts: [workflow_failed] }");
        write("pay", "monitoring: { alerts: [circuit_open] }");
        config = ConfigurationManager.builder(dir).runner(runner).build();
        TestTokens tokens = new TestTokens(clock.instant());
        WorkflowSecurityManager security = WorkflowSecurityManager.create(SecurityOptions.defaults()
                .withJwt(tokens.options()).withRateLimits(RateLimitOptions.defaults().withEndpoints(Map.of(
                        "GET /workflow/definitions", new RateLimitOptions.Limit(1, 1, Duration.ofHours(1))))),
                runner.store(), config::workflowConfig, clock);
        runner.addStartInterceptor(security.startInterceptor());
        config.start();
        server = ReactoryServer.builder(runner, security).configs(ConfigService.of(config)).clock(clock)
                .metricsOptions(MetricsOptions.DEFAULT.withMaxTagValues(10))
                .options(ServerOptions.defaults().withPort(0)).build().start();
        server.metrics().addAlertListener(alerts::add);
        http = new Http(server.uri());
        admin = tokens.hs256("root", "*", List.of("admin"), null);

        String met = start("orders", "{\"data\":{\"amount\":0}}");     // completes in 1 ms: meets its SLA of 1 s
        String late = start("orders", "{\"data\":{\"amount\":5}}");    // completes in 2 s: misses it
        String flaky = start("flaky", null);                           // fails twice, retried, then completes
        start("broken", null);                                         // fails for good (not retryable)
        String pay = start("pay", null);                               // its dependency fails: the breaker opens
        String waits = start("waits", null);                           // waits for an event, then is cancelled
        env.runUntilIdle();
        env.runToCompletion(met);
        env.runToCompletion(late);
        env.runToCompletion(flaky);
        env.advance(Duration.ofSeconds(1));                            // pay's second attempt opens the breaker
        assertThat(runner.errorHandler().circuitBreaker("payments").state().name()).isEqualTo("OPEN");
        assertThat(http.delete("/workflow/instance/" + waits).bearer(admin).send().status()).isEqualTo(202);
        env.runUntilIdle();
        assertThat(runner.getWorkflowStatus(pay)).isEqualTo(WorkflowStatus.RUNNING);

        // a refused configuration change, failed authentication, a rate-limit hit
        write("orders", "monitoring: { sla: -5 }");
        assertThat(config.reload().result()).isEqualTo(ReloadStatus.Result.REJECTED);
        assertThat(http.get("/workflow/definitions").bearer("not-a-valid-token").send().status()).isEqualTo(401);
        assertThat(http.get("/workflow/definitions").bearer(admin).send().status()).isEqualTo(200);
        assertThat(http.get("/workflow/definitions").bearer(admin).send().status()).isEqualTo(429);

        // the Scheduler and the LifecycleManager report through their observers (test doubles of issues 5 and 6)
        server.metrics().scheduler().fired("nightly-report", 1, Duration.ofSeconds(90));
        server.metrics().scheduler().fired("nightly-report", 2, Duration.ofSeconds(1));
        server.metrics().scheduler().skipped("nightly-report", "misfire", 2);
        for (int i = 1; i <= 12; i++) {   // more schedules than the label limit of 10 allows
            server.metrics().scheduler().fired("burst-" + i, 1, Duration.ZERO);
        }
        server.metrics().scheduler().runFinished("nightly-report", "completed");
        server.metrics().lifecycle().dependencyWaitStarted("orders");
        server.metrics().lifecycle().dependencyWaitStarted("orders");
        server.metrics().lifecycle().dependencyWaitEnded("orders", Duration.ofSeconds(30), "satisfied");
        server.metrics().lifecycle().queued("orders", 3);

        Http.Response response = http.get("/workflow/metrics").bearer(admin).send();
        assertThat(response.status()).isEqualTo(200);
        scrape = PrometheusText.parse(response.body());
    }

    private static void register(WorkflowRunner runner) {
        runner.registerWorkflow(WorkflowDefinition.define("orders", "1", Order.class, b -> b
                .startWith("reserve", ctx -> ExecutionResult.next())
                .delay(d -> d.amount > 0 ? Duration.ofSeconds(2) : Duration.ofMillis(1))
                .then("ship", ctx -> ExecutionResult.next())));
        runner.registerWorkflow(WorkflowDefinition.define("flaky", "1", Order.class, b -> b
                .startWith("call", ctx -> {
                    if (ctx.data().calls++ < 2) {
                        throw new IllegalStateException("not yet");
                    }
                    return ExecutionResult.next();
                }).retry(RetryOptions.builder().initialInterval(Duration.ofSeconds(1)).maximumAttempts(5).build())));
        runner.registerWorkflow(WorkflowDefinition.define("broken", "1", Order.class, b -> b
                .startWith("boom", ctx -> ExecutionResult.failNonRetryable("bad input"))));
        runner.registerWorkflow(WorkflowDefinition.define("pay", "1", Order.class, b -> b
                .startWith("charge", ctx -> {
                    throw new IllegalStateException("payments down");
                }).circuitBreaker("payments")
                .retry(RetryOptions.builder().initialInterval(Duration.ofSeconds(1)).maximumAttempts(10).build())));
        runner.registerWorkflow(WorkflowDefinition.define("waits", "1", Order.class, b -> b
                .startWith("wait", ctx -> ExecutionResult.waitForEvent("never", "k"))));
    }

    private void write(String id, String monitoring) throws IOException {
        Files.writeString(dir.resolve("workflows").resolve(id + ".yml"), "id: \"" + id + "\"\n" + monitoring + "\n");
    }

    private String start(String workflowId, String body) {
        Http.Response r = http.post("/workflow/start/" + workflowId, body).bearer(admin).send();
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String id = r.json().path("instanceId").asText();
        instanceIds.add(id);
        return id;
    }

    @Override
    public void close() throws IOException {
        if (server != null) {
            server.close();
        }
        if (config != null) {
            config.close();
        }
        env.close();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
