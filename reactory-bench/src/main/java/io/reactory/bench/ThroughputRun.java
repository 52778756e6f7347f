package io.reactory.bench;

import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.WorkflowStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts N instances of a scenario as fast as one thread can, and measures until the last one completes: throughput,
 * start → complete latency percentiles, peak heap. A warm-up batch runs first so the JIT has compiled the engine.
 */
final class ThroughputRun {
    private ThroughputRun() {}

    static Map<String, Object> run(BenchOptions options) throws Exception {
        Scenarios.Scenario scenario = Scenarios.get(options.scenario());
        boolean metricsOn = metrics(options);
        if (options.nodes() > 1 && options.store().equals("memory")) {
            throw new IllegalArgumentException("--nodes " + options.nodes() + " needs a shared database: --store postgres");
        }
        LatencyRecorder recorder = new LatencyRecorder();
        Stores database = Stores.forRun(options);
        List<WorkflowStore> stores = new ArrayList<>();
        List<WorkflowRunner> runners = new ArrayList<>();
        try (HeapSampler heap = new HeapSampler()) {
            for (int n = 1; n <= options.nodes(); n++) {
                WorkflowStore store = database.open();
                stores.add(store);
                // A backlog is claimed, never started eagerly: the warm-up must compile the claim path it measures
                // (warmed up with eager starts, a backlog run spent a fifth more CPU per step compiling claims).
                runners.add(WorkflowRunner.builder().store(store)
                        .options(RunnerOptions.defaults().withNodeId("bench-" + n)
                                .withStepLogContext(switchOption(options, "mdc", true))
                                .withEagerStart(!backlog(options)))
                        .build());
            }
            WorkflowRunner runner = runners.get(0);
            MetricsScraper scraper = null;
            for (WorkflowRunner r : runners) {
                r.registerWorkflow(scenario.definition());
            }
            if (metricsOn) {
                scraper = MetricsScraper.start(runner);
            }
            for (WorkflowRunner r : runners) {
                // after the metrics' listener: when the recorder sees the last completion, the metrics have counted it
                r.addListener(recorder);
                r.initialize();
            }
            if (options.warmup() > 0) {
                batch(runners, scenario, recorder, options.warmup(), "warmup");
            }
            if (scraper != null) {
                scraper.warmUp();
            }
            boolean backlog = backlog(options);
            double startsPerSecond = 0;
            if (backlog) {
                if (metricsOn) {
                    throw new IllegalArgumentException("--metrics on measures live starts: add --backlog off");
                }
                // The engine's durable step rate, without the start API in the way: the measured instances are
                // written first by engines that are not running, then the engines start on the backlog. The warm-up
                // above ran the same code paths live, so the JIT has compiled them.
                closeRunners(runners);
                for (int n = 0; n < stores.size(); n++) {
                    WorkflowRunner r = WorkflowRunner.builder().store(stores.get(n))
                            .options(RunnerOptions.defaults().withNodeId("bench-" + (n + 1))
                                    .withStepLogContext(switchOption(options, "mdc", true)))
                            .build();
                    r.registerWorkflow(scenario.definition());
                    r.addListener(recorder);
                    runners.add(r);
                }
                runner = runners.get(0);
                recorder.expect(options.workflows());
                long writing = System.nanoTime();
                for (int i = 0; i < options.workflows(); i++) {
                    long t = System.nanoTime();
                    recorder.started(runners.get(i % runners.size())
                            .startWorkflow(scenario.name(), null, Scenarios.input(scenario.name(), i)), t);
                }
                startsPerSecond = options.workflows() / ((System.nanoTime() - writing) / 1e9);
            }
            System.gc();
            heap.reset();
            long cpuBefore = processCpuNanos();
            long started = System.nanoTime();
            if (backlog) {
                for (WorkflowRunner r : runners) {
                    r.initialize();
                }
                if (!recorder.await(Duration.ofMinutes(10).toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException("measured: " + recorder.remaining() + " of " + options.workflows()
                            + " instances did not finish within 10 minutes");
                }
            } else {
                batch(runners, scenario, recorder, options.workflows(), "measured");
            }
            double seconds = (recorder.lastCompletionNanos() - started) / 1e9;
            double cpuSeconds = (processCpuNanos() - cpuBefore) / 1e9;
            double[] p = recorder.percentilesMs(50, 90, 99, 99.9);
            long completed = runner.getWorkflowStats().instancesByStatus().getOrDefault(WorkflowStatus.COMPLETED, 0L);
            long expected = (long) options.workflows() + options.warmup();
            if (completed != expected) {
                throw new IllegalStateException("only " + completed + " of " + expected + " instances completed");
            }
            long steps = (long) options.workflows() * scenario.stepsPerWorkflow();
            if (scraper != null) {
                scraper.checkCompleted(scenario.name(), expected);
                scraper.close();
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("scenario", scenario.name());
            result.put("store", stores.get(0).kind());
            result.put("nodes", options.nodes());
            result.put("metrics", metricsOn ? "on" : "off");
            result.put("mdc", switchOption(options, "mdc", true) ? "on" : "off");
            result.put("mode", backlog ? "backlog" : "live");
            result.put("workflows", options.workflows());
            result.put("steps", steps);
            result.put("seconds", round(seconds, 3));
            result.put("workflows_per_s", round(options.workflows() / seconds, 0));
            result.put("steps_per_s", round(steps / seconds, 0));
            if (!backlog) {
                // start -> complete; in backlog mode it would be the time spent queued behind the backlog
                result.put("p50_ms", round(p[0], 2));
                result.put("p90_ms", round(p[1], 2));
                result.put("p99_ms", round(p[2], 2));
                result.put("p999_ms", round(p[3], 2));
            }
            result.put("peak_heap_mb", round(heap.peakMb(), 0));
            // CPU the whole process used during the measured batch (all threads, GC included): on a shared machine
            // a steadier figure than wall time for comparing two configurations
            result.put("cpu_s", round(cpuSeconds, 3));
            result.put("cpu_us_per_step", round(cpuSeconds * 1e6 / steps, 3));
            if (backlog) {
                // one thread, one durable insert per start: the start API's own rate (./bench http-start measures
                // it with concurrent clients)
                result.put("backlog_starts_per_s", round(startsPerSecond, 0));
            }
            result.put("failed", recorder.failures());
            result.put("cores", Runtime.getRuntime().availableProcessors());
            if (options.store().equals("postgres")) {
                closeAll(runners, stores);
                // same database, same run, the engine stopped: what one commit per change would reach
                double baseline = PostgresBaseline.commitsPerSecond(database.database(),
                        Double.parseDouble(options.option("baseline-seconds", "10")));
                result.put("baseline_tps", round(baseline, 0));
                result.put("ratio", round(steps / seconds / baseline, 2));
            }
            return result;
        } finally {
            closeAll(runners, stores);
        }
    }

    private static void closeAll(List<WorkflowRunner> runners, List<WorkflowStore> stores) {
        closeRunners(runners);
        for (WorkflowStore s : stores) {
            s.close();
        }
        stores.clear();
    }

    private static void batch(List<WorkflowRunner> runners, Scenarios.Scenario scenario, LatencyRecorder recorder,
                              int count, String phase) throws InterruptedException {
        recorder.expect(count);
        for (int i = 0; i < count; i++) {
            WorkflowRunner runner = runners.get(i % runners.size());
            long t = System.nanoTime();
            String id = runner.startWorkflow(scenario.name(), null, Scenarios.input(scenario.name(), i));
            recorder.started(id, t);
            if (scenario.needsEvent()) {
                runner.publishEvent("go", "k" + i, null);
            }
        }
        if (!recorder.await(Duration.ofMinutes(10).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(phase + ": " + recorder.remaining() + " of " + count
                    + " instances did not finish within 10 minutes");
        }
    }

    private static void closeRunners(List<WorkflowRunner> runners) {
        for (WorkflowRunner r : runners) {
            r.close();
        }
        runners.clear();
    }

    /**
     * {@code --backlog on|off}: on (the default for the durable stores) measures the engine working through
     * instances written before it started; off starts them from one thread while the engine runs (the in-memory
     * figures of issue 2 are measured that way).
     */
    private static boolean backlog(BenchOptions options) {
        return switchOption(options, "backlog", !options.store().equals("memory"));
    }

    /** {@code --metrics on|off} (default off): the engine's metrics on a Prometheus registry, scraped every second. */
    private static boolean metrics(BenchOptions options) {
        return switchOption(options, "metrics", false);
    }

    /** An on/off option ({@code --mdc off}: steps run without the instance, step and attempt in the MDC). */
    private static boolean switchOption(BenchOptions options, String name, boolean fallback) {
        String value = options.option(name, fallback ? "on" : "off");
        return switch (value) {
            case "on", "true" -> true;
            case "off", "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be on or off but was '" + value + "'");
        };
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
