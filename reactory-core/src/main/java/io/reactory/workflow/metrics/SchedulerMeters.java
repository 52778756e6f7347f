package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.reactory.workflow.scheduling.SchedulerEvent;
import io.reactory.workflow.scheduling.SchedulerListener;
import io.reactory.workflow.scheduling.SchedulerStats;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The scheduler's meters, cached per schedule (and reason or outcome); fed by the Scheduler's events (as its listener)
 * or through {@link SchedulerObserver} by another source.
 */
final class SchedulerMeters implements SchedulerObserver, SchedulerListener {
    private final MeterFactory meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> lateness = new ConcurrentHashMap<>();

    SchedulerMeters(MeterFactory meters) {
        this.meters = meters;
    }

    @Override
    public void onEvent(SchedulerEvent event) {
        switch (event) {
            case SchedulerEvent.Fired f -> fired(f.scheduleId(), f.attempt(), f.lateness());
            case SchedulerEvent.Skipped s -> skipped(s.scheduleId(), ReactoryMetrics.lower(s.reason()), s.count());
            case SchedulerEvent.RunFinished r -> runFinished(r.scheduleId(), ReactoryMetrics.lower(r.outcome()));
            case SchedulerEvent.Buffered b -> { }
            case SchedulerEvent.AttemptFailed a -> { }   // its retry is counted when it fires, its end as a run
        }
    }

    /** The scheduler's figures at scrape time (reused for {@code refresh}, so one scrape reads them once). */
    void register(WorkflowScheduler scheduler, Duration refresh) {
        StatsCache cache = new StatsCache(scheduler, refresh.toNanos());
        ReactoryMetrics.SCHEDULER_SCHEDULES.gauge(meters.registry, cache, c -> c.get().active(), "active");
        ReactoryMetrics.SCHEDULER_SCHEDULES.gauge(meters.registry, cache, c -> c.get().paused(), "paused");
        ReactoryMetrics.SCHEDULER_SCHEDULES.gauge(meters.registry, cache, c -> c.get().disabled(), "disabled");
        ReactoryMetrics.SCHEDULER_RUNS_IN_FLIGHT.gauge(meters.registry, cache, c -> c.get().runsInFlight());
        ReactoryMetrics.SCHEDULER_RUNS_WAITING.gauge(meters.registry, cache, c -> c.get().runsWaiting());
        scheduler.addListener(this);
    }

    /** {@code getSchedulerStats()} reads the store: once per refresh interval at most. */
    private static final class StatsCache {
        private final WorkflowScheduler scheduler;
        private final long refreshNanos;
        private final java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        private SchedulerStats stats;
        private long readAt;

        StatsCache(WorkflowScheduler scheduler, long refreshNanos) {
            this.scheduler = scheduler;
            this.refreshNanos = refreshNanos;
        }

        SchedulerStats get() {
            lock.lock();
            try {
                long now = System.nanoTime();
                if (stats == null || now - readAt >= refreshNanos) {
                    stats = scheduler.getSchedulerStats();
                    readAt = now;
                }
                return stats;
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void fired(String scheduleId, int attempt, Duration late) {
        Counter fired = counter(ReactoryMetrics.SCHEDULER_FIRED, scheduleId);
        Counter retried = counter(ReactoryMetrics.SCHEDULER_RETRIED, scheduleId); // shown at 0 until a retry
        (attempt <= 1 ? fired : retried).increment();
        lateness.computeIfAbsent(scheduleId, id -> meters.timer(ReactoryMetrics.SCHEDULER_LATENESS, id))
                .record(late.isNegative() ? Duration.ZERO : late);
    }

    @Override
    public void skipped(String scheduleId, String reason, int count) {
        counter(ReactoryMetrics.SCHEDULER_SKIPPED, scheduleId, reason).increment(count);
    }

    @Override
    public void runFinished(String scheduleId, String outcome) {
        counter(ReactoryMetrics.SCHEDULER_RUNS, scheduleId, outcome).increment();
    }

    private Counter counter(ReactoryMetrics.Definition definition, String... values) {
        String key = definition.name() + '\u0000' + String.join("\u0000", values);
        Counter c = counters.get(key);
        return c != null ? c : counters.computeIfAbsent(key, k -> meters.counter(definition, values));
    }
}
