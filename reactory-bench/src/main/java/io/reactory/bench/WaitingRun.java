package io.reactory.bench;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.WorkflowStore;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Waiting is cheap: {@code ./bench waiting --store postgres --waiting 1000000}. Measures seq3 throughput, parks
 * {@code --waiting} instances on a one-day delay, measures seq3 again with them in the database, and reports the
 * ratio and the heap. Run by {@code ./bench} with a 256 MB heap, so a store that kept waiting instances in memory
 * would fail with OutOfMemoryError rather than report.
 */
final class WaitingRun {
    private static final int STARTERS = 16;

    private WaitingRun() {}

    static Map<String, Object> run(BenchOptions options) throws Exception {
        int waiting = Integer.parseInt(options.option("waiting", "1000000").replace("_", ""));
        Scenarios.Scenario seq3 = Scenarios.get("seq3");
        WorkflowDefinition parked = WorkflowDefinition.define("parked", "1", Scenarios.BenchData.class, b -> b
                .delay(Duration.ofDays(1))
                .then("after", ctx -> ExecutionResult.next()));
        Stores database = Stores.forRun(options);
        try (WorkflowStore store = database.open();
             HeapSampler heap = new HeapSampler();
             WorkflowRunner runner = WorkflowRunner.builder().store(store)
                     .options(RunnerOptions.defaults().withNodeId("bench-1"))
                     .build()) {
            runner.registerWorkflow(seq3.definition());
            runner.registerWorkflow(parked);
            LatencyRecorder recorder = new LatencyRecorder();
            runner.addListener(recorder);
            runner.initialize();
            throughput(runner, seq3, recorder, options.warmup());
            double without = throughput(runner, seq3, recorder, options.workflows());

            long parkStart = System.nanoTime();
            park(runner, store, waiting);
            double parkSeconds = (System.nanoTime() - parkStart) / 1e9;
            System.gc();
            double heapAfterGcMb = usedHeapMb();
            heap.reset();
            double with = throughput(runner, seq3, recorder, options.workflows());

            Map<String, Object> result = new LinkedHashMap<>();
            result.put("scenario", "waiting");
            result.put("store", store.kind());
            result.put("waiting", waiting);
            result.put("park_seconds", ThroughputRun.round(parkSeconds, 1));
            result.put("workflows", options.workflows());
            result.put("steps_per_s_without", ThroughputRun.round(without, 0));
            result.put("steps_per_s_with", ThroughputRun.round(with, 0));
            result.put("ratio", ThroughputRun.round(with / without, 3));
            result.put("heap_after_gc_mb", ThroughputRun.round(heapAfterGcMb, 0));
            result.put("peak_heap_mb", ThroughputRun.round(heap.peakMb(), 0));
            result.put("max_heap_mb", ThroughputRun.round(Runtime.getRuntime().maxMemory() / 1048576.0, 0));
            result.put("cores", Runtime.getRuntime().availableProcessors());
            return result;
        }
    }

    /**
     * Steps per second of {@code count} seq3 instances started from {@link #STARTERS} threads while the engine runs
     * (concurrent starts share transactions, so the start path does not cap the figure at one commit per start).
     */
    private static double throughput(WorkflowRunner runner, Scenarios.Scenario seq3, LatencyRecorder recorder,
                                     int count) throws InterruptedException {
        if (count == 0) {
            return 0;
        }
        recorder.expect(count);
        long started = System.nanoTime();
        AtomicInteger next = new AtomicInteger();
        List<Thread> starters = new ArrayList<>();
        for (int t = 0; t < STARTERS; t++) {
            starters.add(Thread.ofPlatform().name("start-" + t).start(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    long at = System.nanoTime();
                    recorder.started(runner.startWorkflow("seq3", null, Scenarios.input("seq3", i)), at);
                }
            }));
        }
        for (Thread t : starters) {
            t.join();
        }
        if (!recorder.await(Duration.ofMinutes(10).toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(recorder.remaining() + " of " + count + " seq3 instances did not finish");
        }
        return (double) count * seq3.stepsPerWorkflow() / ((recorder.lastCompletionNanos() - started) / 1e9);
    }

    /** Starts {@code count} instances that sleep for a day and waits until the engine has parked all of them. */
    private static void park(WorkflowRunner runner, WorkflowStore store, int count) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        List<Thread> starters = new ArrayList<>();
        for (int t = 0; t < STARTERS; t++) {
            starters.add(Thread.ofPlatform().name("park-" + t).start(() -> {
                for (int i; (i = next.getAndIncrement()) < count; ) {
                    runner.startWorkflow("parked", null, Scenarios.input("parked", i));
                }
            }));
        }
        for (Thread t : starters) {
            t.join();
        }
        // Parked = RUNNING with nothing runnable left: every instance has run its first round and sleeps in the store.
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
        while (true) {
            long running = store.instances().countByStatus().getOrDefault(WorkflowStatus.RUNNING, 0L);
            long runnable = store.instances().countRunnable(Instant.now()).orElse(0);
            if (running >= count && runnable == 0) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + running + " of " + count + " instances parked in 30 minutes");
            }
            Thread.sleep(500);
        }
    }

    private static double usedHeapMb() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }
}
