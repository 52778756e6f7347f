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
 * request latency percentiles. Without {@code --server} it runs the server in this process on the chosen store
 * (rate limits off); with {@code --server URL --api-key KEY} it drives a running one (which must have a workflow
 * {@code http-noop}, or name one with {@code --workflow}).
 */
final class HttpStartRun {
    private static final String WORKFLOW = "http-noop";
    private static final String KEY = "bench-admin-key-0123456789abcdefghijklmnop";

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
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        URI start = base.resolve("/workflow/start/" + workflow);
        if (options.warmup() > 0) {
            batch(http, start, apiKey, clients, options.warmup());
        }
        System.gc();
        try (HeapSampler heap = new HeapSampler()) {
            Batch measured = batch(http, start, apiKey, clients, options.workflows());
            long[] sorted = measured.latencies.clone();
            Arrays.sort(sorted);
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("scenario", "http-start");
            result.put("store", store);
            result.put("clients", clients);
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
            result.put("cores", Runtime.getRuntime().availableProcessors());
            return result;
        }
    }

    private record Batch(long[] latencies, double seconds, AtomicInteger errors, AtomicReference<String> firstError) {}

    /** {@code count} starts from {@code clients} concurrent clients, each sending its next request when one returns. */
    private static Batch batch(HttpClient http, URI start, String apiKey, int clients, int count) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long began = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                futures.add(pool.submit(() -> {
                    int i;
                    while ((i = next.getAndIncrement()) < count) {
                        HttpRequest request = HttpRequest.newBuilder(start).header("X-API-Key", apiKey)
                                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"data\":{\"key\":\"k" + i + "\"}}"))
                                .build();
                        long t = System.nanoTime();
                        try {
                            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 201) {
                                errors.incrementAndGet();
                                firstError.compareAndSet(null, r.statusCode() + " " + r.body());
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
