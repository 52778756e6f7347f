package io.reactory.bench;

import io.reactory.server.http.ReactoryServer;
import io.reactory.server.http.ServerOptions;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.security.RateLimitOptions;
import io.reactory.workflow.security.SecurityOptions;
import io.reactory.workflow.security.User;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code ./bench http-start}: concurrent clients start workflows through the REST API over loopback, each request
 * authenticated with an API key, authorised, audited and committed like any other. Reports starts per second and the
 * request latency percentiles. The clients are kept-alive sockets of {@link Http1Connection} ({@code --client raw},
 * as wrk drives a server) or a shared {@code java.net.http.HttpClient} ({@code --client jdk}); both run on the same
 * two cores as the server, so the cheaper client leaves more of them to the server. Without {@code --server} it runs
 * the server in this process on the chosen store (rate limits off); with {@code --server URL --api-key KEY} it drives
 * a running one (which must have a workflow {@code http-noop}, or name one with {@code --workflow}).
 */
final class HttpStartRun {
    private static final String WORKFLOW = "http-noop";
    private static final String KEY = "bench-admin-key-0123456789abcdefghijklmnop";
    private static final int WARMUP_ROUND = 10_000;
    private static final int WARMUP_ROUNDS = 30;

    private HttpStartRun() {}

    static Map<String, Object> run(BenchOptions options) throws Exception {
        int clients = Integer.parseInt(options.option("clients", "32"));
        String external = options.option("server", null);
        if (external != null) {
            return drive(URI.create(external), options.option("api-key", ""), options.option("workflow", WORKFLOW),
                    clients, options, "external");
        }
        try (WorkflowStore store = Stores.open(options);
             WorkflowRunner runner = WorkflowRunner.builder().store(store)
                     .options(RunnerOptions.defaults().withNodeId("bench-1")).build()) {
            runner.registerWorkflow(WorkflowDefinition.define(WORKFLOW, "1", Scenarios.BenchData.class, b -> b
                    .startWith("noop", ctx -> ExecutionResult.next())));
            runner.initialize();
            WorkflowSecurityManager security = WorkflowSecurityManager.create(
                    SecurityOptions.defaults().withRateLimits(RateLimitOptions.disabled()), store, id -> Optional.empty(),
                    Clock.systemUTC());
            runner.addStartInterceptor(security.startInterceptor());
            security.apiKeys().register(KEY, "bench", User.ALL_NAMESPACES, Set.of("admin"), Set.of(), null);
            try (ReactoryServer server = ReactoryServer.builder(runner, security)
                    .options(ServerOptions.defaults().withPort(0)).build().start()) {
                return drive(server.uri(), KEY, WORKFLOW, clients, options, store.kind());
            }
        }
    }

    private static Map<String, Object> drive(URI base, String apiKey, String workflow, int clients, BenchOptions options,
                                             String store) throws Exception {
        String client = options.option("client", "raw");
        URI start = base.resolve("/workflow/start/" + workflow);
        Client sender = switch (client) {
            case "raw" -> rawClient(start, apiKey);
            case "jdk" -> jdkClient(start, apiKey);
            default -> throw new IllegalArgumentException("--client must be raw or jdk but was '" + client + "'");
        };
        List<Connection> connections = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            connections.add(sender.open());
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        try (HeapSampler heap = new HeapSampler()) {
            int warmup = warmUp(connections, options.warmup(), jit);
            System.gc();
            heap.reset();
            long jitBefore = jit.getTotalCompilationTime();
            Batch measured = batch(connections, options.workflows());
            long jitMs = jit.getTotalCompilationTime() - jitBefore;
            long[] sorted = measured.latencies.clone();
            Arrays.sort(sorted);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("scenario", "http-start");
            result.put("store", store);
            result.put("client", client);
            result.put("clients", clients);
            result.put("warmup_requests", warmup);
            result.put("requests", options.workflows());
            result.put("errors", measured.errors.get());
            if (measured.firstError.get() != null) {
                result.put("first_error", measured.firstError.get());
            }
            result.put("seconds", ThroughputRun.round(measured.seconds, 3));
            result.put("starts_per_s", ThroughputRun.round(options.workflows() / measured.seconds, 0));
            result.put("p50_ms", ThroughputRun.round(percentile(sorted, 50), 2));
            result.put("p90_ms", ThroughputRun.round(percentile(sorted, 90), 2));
            result.put("p99_ms", ThroughputRun.round(percentile(sorted, 99), 2));
            result.put("p999_ms", ThroughputRun.round(percentile(sorted, 99.9), 2));
            result.put("max_ms", ThroughputRun.round(sorted.length == 0 ? 0 : sorted[sorted.length - 1] / 1e6, 2));
            result.put("peak_heap_mb", ThroughputRun.round(heap.peakMb(), 0));
            // the JIT compiler's time during the measurement: near zero when the warm-up did its job
            result.put("jit_ms", jitMs);
            result.put("cores", Runtime.getRuntime().availableProcessors());
            return result;
        } finally {
            connections.forEach(Connection::close);
        }
    }

    /**
     * Sends at least {@code minimum} requests, then more in rounds of {@link #WARMUP_ROUND} until the JIT compiler
     * spent under a twentieth of a round's time compiling (at most {@link #WARMUP_ROUNDS} rounds): its threads share
     * the two cores with the server, and 20,000 requests left seconds of compiling for the measurement, a quarter of
     * its CPU (Jetty, Javalin, Jackson, the SQLite driver and the engine are a lot of code to compile).
     *
     * @return how many requests the warm-up sent
     */
    private static int warmUp(List<Connection> connections, int minimum, CompilationMXBean jit) throws Exception {
        int sent = 0;
        if (minimum > 0) {
            batch(connections, minimum);
            sent += minimum;
        }
        if (jit == null || !jit.isCompilationTimeMonitoringSupported()) {
            return sent;
        }
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            long compiled = jit.getTotalCompilationTime();
            Batch b = batch(connections, WARMUP_ROUND);
            sent += WARMUP_ROUND;
            if (jit.getTotalCompilationTime() - compiled < b.seconds * 1000 / 20) {
                break;
            }
        }
        return sent;
    }

    /** Opens what one client sends its requests on. */
    @FunctionalInterface
    private interface Client {
        Connection open() throws java.io.IOException;
    }

    /** One client's way of sending start number {@code i}. */
    private interface Connection extends AutoCloseable {
        Http1Connection.Response start(int i) throws java.io.IOException, InterruptedException;

        @Override
        default void close() {}
    }

    private static byte[] body(int i) {
        return ("{\"data\":{\"key\":\"k" + i + "\"}}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@link Http1Connection}: one kept-alive socket per client, as wrk drives a server. */
    private static Client rawClient(URI start, String apiKey) {
        String path = start.getRawPath();
        String key = "X-API-Key: " + apiKey;
        return () -> {
            Http1Connection connection = new Http1Connection(start);
            // connected before the clock starts: a connect is not a start (and 32 at once can overflow the backlog)
            connection.connect();
            return new Connection() {
                @Override
                public Http1Connection.Response start(int i) throws java.io.IOException {
                    return connection.post(path, body(i), key, "Content-Type: application/json");
                }

                @Override
                public void close() {
                    connection.close();
                }
            };
        };
    }

    /** java.net.http.HttpClient (HTTP/1.1, keep-alive), shared by the clients: what a Java caller would use. */
    private static Client jdkClient(URI start, String apiKey) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return () -> i -> {
            HttpRequest request = HttpRequest.newBuilder(start).header("X-API-Key", apiKey)
                    .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(i))).build();
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Http1Connection.Response(r.statusCode(), r.body());
        };
    }

    private record Batch(long[] latencies, double seconds, AtomicInteger errors, AtomicReference<String> firstError) {}

    /** {@code count} starts from concurrent clients, one per connection, each sending its next request when one returns. */
    private static Batch batch(List<Connection> connections, int count) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long began = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (Connection connection : connections) {
                futures.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        long t = System.nanoTime();
                        try {
                            Http1Connection.Response r = connection.start(i);
                            if (r.status() != 201) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, r.status() + " " + r.body());
                            }
                        } catch (java.io.IOException e) {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        }
                        latencies[i] = System.nanoTime() - t;
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        }
        return new Batch(latencies, (System.nanoTime() - began) / 1e9, errors, firstError);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p / 100.0 * sorted.length) - 1));
        return sorted[index] / 1e6;
    }
}
