package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** Dependency waits and concurrency queues per workflow. */
final class LifecycleMeters implements LifecycleObserver {
    private final MeterFactory meters;
    private final Map<String, AtomicLong> waiting = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> queued = new ConcurrentHashMap<>();
    private final Map<String, Timer> waits = new ConcurrentHashMap<>();

    LifecycleMeters(MeterFactory meters) {
        this.meters = meters;
    }

    @Override
    public void dependencyWaitStarted(String workflowId) {
        gauge(waiting, ReactoryMetrics.DEPENDENCY_WAITING, workflowId).incrementAndGet();
    }

    @Override
    public void dependencyWaitEnded(String workflowId, Duration waited, String outcome) {
        gauge(waiting, ReactoryMetrics.DEPENDENCY_WAITING, workflowId).updateAndGet(n -> Math.max(0, n - 1));
        waits.computeIfAbsent(workflowId + '\u0000' + outcome,
                k -> meters.timer(ReactoryMetrics.DEPENDENCY_WAIT, workflowId, outcome)).record(waited);
    }

    @Override
    public void waiting(String workflowId, long instances) {
        gauge(waiting, ReactoryMetrics.DEPENDENCY_WAITING, workflowId).set(Math.max(0, instances));
    }

    @Override
    public void queued(String workflowId, long instances) {
        gauge(queued, ReactoryMetrics.LIFECYCLE_QUEUED, workflowId).set(Math.max(0, instances));
    }

    private AtomicLong gauge(Map<String, AtomicLong> values, ReactoryMetrics.Definition definition, String workflowId) {
        AtomicLong value = values.get(workflowId);
        if (value == null) {
            value = values.computeIfAbsent(workflowId, id -> {
                AtomicLong created = new AtomicLong();
                definition.gauge(meters.registry, created, AtomicLong::get,
                        meters.guarded(definition, id));
                return created;
            });
        }
        return value;
    }
}
