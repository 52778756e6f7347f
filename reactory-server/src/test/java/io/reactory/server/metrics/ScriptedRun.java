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
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.config.ReloadStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.metrics.MetricsOptions;
import io.reactory.workflow.metrics.WorkflowAlert;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.resilience.CircuitBreakerOptions;
import io.reactory.workflow.resilience.RetryOptions;
import io.reactory.workflow.scheduling.LocalWorkflowScheduler;
import io.reactory.workflow.scheduling.WorkflowScheduler;
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
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

/**
 * The scripted run on a real server: successes, failures, retries, an open breaker, a late schedule, an SLA
 * miss, a cancellation, a refused configuration change, failed authentication, a rate-limit hit;  then
 * {@code GET /workflow/metrics} scraped over HTTP and parsed as Prometheus text. The engine runs under a manual clock
 * on the test thread, so durations are exact.
 *
 * <p>The Scheduler is the real one, driven by hand under the same clock. The LifecycleManager (issue 6) is not built
 * yet: its events come from a test double calling {@code metrics.lifecycle()}, the interface it is to report through.
 */
final class ScriptedRun implements AutoCloseable {
    final ManualClock clock = ManualClock.startingAt2026();
    final List<WorkflowAlert> alerts = new CopyOnWriteArrayList<>();
    final Set<String> instanceIds = new HashSet<>();
    final TestWorkflowEnvironment env;
    final ConfigurationManager config;
    final LocalWorkflowScheduler scheduler;
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
        // open for an hour: the scheduler's minutes later do not let pay's step through again
        runner.errorHandler().configureCircuitBreaker("payments", CircuitBreakerOptions.builder()
                .failureRateThreshold(0).consecutiveFailures(2).openDuration(Duration.ofHours(1)).build());
        scheduler = WorkflowScheduler.builder(runner).buildLocal();
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
                .scheduler(scheduler)
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

        // a schedule every minute: its 00:01 run starts 30 s late; then 00:02-00:04 are missed (misfires) and 00:05
        // runs 10 s late
        scheduler.addSchedule(new ScheduleConfig("every-minute", null, null, new ScheduleConfig.WorkflowRef("report",
                null, null), new ScheduleConfig.Timing("* * * * *", "UTC", true, null, null, null, null, null),
                Map.of(), null, null, null));
        clock.set(Instant.parse("2026-01-01T00:01:30Z"));
        settle();
        clock.set(Instant.parse("2026-01-01T00:05:10Z"));
        settle();
        for (int i = 1; i <= 12; i++) {   // more schedules than the label limit of 10 allows (another event source)
            server.metrics().scheduler().fired("burst-" + i, 1, Duration.ZERO);
        }

        // the LifecycleManager (issue 6, not built yet) reports through its observer: a test double
        server.metrics().lifecycle().dependencyWaitStarted("orders");
        server.metrics().lifecycle().dependencyWaitStarted("orders");
        server.metrics().lifecycle().dependencyWaitEnded("orders", Duration.ofSeconds(30), "satisfied");
        server.metrics().lifecycle().queued("orders", 3);

        Http.Response response = http.get("/workflow/metrics").bearer(admin).send();
        assertThat(response.status()).isEqualTo(200);
        scrape = PrometheusText.parse(response.body());
    }

    /** Does what is due now, scheduler and engine, until neither has anything left. */
    private void settle() {
        for (int i = 0; i < 100; i++) {
            int worked = scheduler.runDue();
            env.runUntilIdle();
            if (worked == 0 && scheduler.runDue() == 0) {
                return;
            }
        }
        throw new IllegalStateException("scheduler and engine did not settle");
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
        runner.registerWorkflow(WorkflowDefinition.define("report", "1", Order.class, b -> b
                .startWith("render", ctx -> ExecutionResult.next())));
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
        scheduler.close();
        env.close();
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
