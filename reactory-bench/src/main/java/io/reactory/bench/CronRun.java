package io.reactory.bench;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.scheduling.SchedulerEvent;
import io.reactory.workflow.scheduling.SchedulerStats;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./bench cron --schedules N [--every S] [--seconds T] [--warmup-seconds W]}: N schedules with six-field cron
 * expressions, each firing every S seconds at its own second (so N/S fire times per second), run for W seconds of
 * warm-up and then T measured seconds with the real clock. Reports how late runs start after their fire time
 * (p50/p99/max, from the scheduler's {@code Fired} events), the heap the schedules cost, the engine's peak heap, and
 * the scheduler's threads (one timer for all schedules).
 */
final class CronRun {
    private CronRun() {}

    /** Data of the scheduled workflow. */
    public static class Tick {
        public int schedule;
        public int count;
    }

    static Map<String, Object> run(BenchOptions options) throws Exception {
        int schedules = intOption(options, "schedules", 10_000);
        int every = intOption(options, "every", 10);
        int seconds = intOption(options, "seconds", 60);
        int warmupSeconds = intOption(options, "warmup-seconds", 10);
        if (every < 1 || every > 60 || schedules < 1) {
            throw new IllegalArgumentException("--every must be 1 to 60 seconds and --schedules at least 1");
        }
        Clock clock = Clock.systemUTC();
        long[] lateness = new long[Math.max(1024, (int) Math.min(50_000_000L, (long) schedules * seconds / every * 2))];
        AtomicInteger recorded = new AtomicInteger();
        AtomicLong firedTotal = new AtomicLong();
        AtomicLong measureFromMillis = new AtomicLong(Long.MAX_VALUE);
        try (WorkflowStore store = Stores.open(options);
             HeapSampler heap = new HeapSampler();
             WorkflowRunner runner = WorkflowRunner.builder().store(store)
                     .options(RunnerOptions.defaults().withNodeId("bench-1")).build()) {
            runner.registerWorkflow(WorkflowDefinition.define("cron-tick", "1", Tick.class, b -> b
                    .startWith("tick", ctx -> {
                        ctx.data().count++;
                        return ExecutionResult.next();
                    })));
            runner.initialize();
            double baseMb = usedAfterGcMb();
            try (WorkflowScheduler scheduler = WorkflowScheduler.builder(runner).listener(event -> {
                if (event instanceof SchedulerEvent.Fired fired && fired.attempt() == 1) {
                    firedTotal.incrementAndGet();
                    if (fired.fireTime().toEpochMilli() >= measureFromMillis.get()) {
                        int i = recorded.getAndIncrement();
                        if (i < lateness.length) {
                            lateness[i] = fired.lateness().toNanos();
                        }
                    }
                }
            }).build()) {
                long addStart = System.nanoTime();
                for (int i = 0; i < schedules; i++) {
                    String cron = every == 60 ? (i % 60) + " * * * * *" : (i % every) + "/" + every + " * * * * *";
                    scheduler.addSchedule(new ScheduleConfig("cron-" + i, null, null,
                            new ScheduleConfig.WorkflowRef("cron-tick", null, null),
                            new ScheduleConfig.Timing(cron, "UTC", true, null, null, null, null, null),
                            Map.of("schedule", i), null, null, null));
                }
                double addSeconds = (System.nanoTime() - addStart) / 1e9;
                double withSchedulesMb = usedAfterGcMb();
                scheduler.initialize();

                Instant measureFrom = clock.instant().plusSeconds(warmupSeconds + 1).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
                measureFromMillis.set(measureFrom.toEpochMilli());
                Instant measureTo = measureFrom.plusSeconds(seconds);
                sleepUntil(clock, measureFrom);
                heap.reset();
                int schedulerThreads = threadsNamed("reactory-scheduler");
                sleepUntil(clock, measureTo);
                SchedulerStats stats = scheduler.getSchedulerStats();
                int n = Math.min(recorded.get(), lateness.length);
                long[] sorted = Arrays.copyOf(lateness, n);
                Arrays.sort(sorted);
                long started = runner.getWorkflowStats().started();

                Map<String, Object> result = new LinkedHashMap<>();
                result.put("scenario", "cron");
                result.put("store", store.kind());
                result.put("schedules", schedules);
                result.put("every_s", every);
                result.put("seconds", seconds);
                result.put("fires_measured", n);
                result.put("fires_per_s", ThroughputRun.round(n / (double) seconds, 0));
                result.put("expected_fires", (long) schedules * seconds / every);
                result.put("lateness_p50_ms", ms(sorted, 50));
                result.put("lateness_p90_ms", ms(sorted, 90));
                result.put("lateness_p99_ms", ms(sorted, 99));
                result.put("lateness_p999_ms", ms(sorted, 99.9));
                result.put("lateness_max_ms", n == 0 ? Double.NaN : ThroughputRun.round(sorted[n - 1] / 1e6, 2));
                result.put("skipped", stats.skipped());
                result.put("failed", stats.failed());
                result.put("instances_started", started);
                result.put("fired_total", firedTotal.get());
                result.put("scheduler_threads", schedulerThreads);
                result.put("add_schedules_s", ThroughputRun.round(addSeconds, 2));
                result.put("schedules_heap_mb", ThroughputRun.round(withSchedulesMb - baseMb, 1));
                result.put("peak_heap_mb", ThroughputRun.round(heap.peakMb(), 0));
                result.put("cores", Runtime.getRuntime().availableProcessors());
                if (stats.failed() > 0) {
                    throw new IllegalStateException(stats.failed() + " scheduled runs failed");
                }
                return result;
            }
        }
    }

    private static double ms(long[] sorted, double percentile) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(percentile / 100.0 * sorted.length) - 1));
        return ThroughputRun.round(sorted[index] / 1e6, 2);
    }

    private static double usedAfterGcMb() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
    }

    private static int threadsNamed(String prefix) {
        return (int) Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    private static void sleepUntil(Clock clock, Instant when) {
        while (clock.instant().isBefore(when)) {
            LockSupport.parkNanos(Duration.between(clock.instant(), when).toNanos());
        }
    }

    private static int intOption(BenchOptions options, String name, int fallback) {
        String value = options.option(name, null);
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number but was '" + value + "'");
        }
    }
}
