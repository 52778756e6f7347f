package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The scheduler's meters, cached per schedule (and reason or outcome). */
final class SchedulerMeters implements SchedulerObserver {
    private final MeterFactory meters;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> lateness = new ConcurrentHashMap<>();

    SchedulerMeters(MeterFactory meters) {
        this.meters = meters;
    }

    @Override
    public void fired(String scheduleId, int attempt, Duration late) {
        counter(attempt <= 1 ? ReactoryMetrics.SCHEDULER_FIRED : ReactoryMetrics.SCHEDULER_RETRIED, scheduleId).increment();
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
