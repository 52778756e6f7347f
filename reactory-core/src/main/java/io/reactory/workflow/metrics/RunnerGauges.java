package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStats;
import io.reactory.workflow.api.WorkflowStatus;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Gauges read from the runner and its store at scrape time: instances by status, the runnable and pending queues,
 * this node's in-flight instances, registered versions. Store reads are reused for the configured interval, so the
 * gauges of one scrape cost one {@code getWorkflowStats} and one runnable count.
 */
final class RunnerGauges {
    private final WorkflowRunner runner;
    private final long refreshNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private WorkflowStats stats;
    private double runnable;
    private long readAt;

    RunnerGauges(WorkflowRunner runner, Duration refresh) {
        this.runner = runner;
        this.refreshNanos = refresh.toNanos();
    }

    void register(MeterRegistry registry) {
        for (WorkflowStatus status : WorkflowStatus.values()) {
            ReactoryMetrics.INSTANCES.gauge(registry, this,
                    g -> g.stats().instancesByStatus().getOrDefault(status, 0L), status.name());
        }
        ReactoryMetrics.QUEUE_RUNNABLE.gauge(registry, this, RunnerGauges::runnable);
        ReactoryMetrics.QUEUE_PENDING.gauge(registry, this,
                g -> g.stats().instancesByStatus().getOrDefault(WorkflowStatus.PENDING, 0L));
        ReactoryMetrics.ENGINE_IN_FLIGHT.gauge(registry, this, g -> g.stats().inFlight());
        ReactoryMetrics.DEFINITIONS.gauge(registry, this, g -> g.stats().definitions());
    }

    WorkflowStats stats() {
        refresh();
        return stats;
    }

    double runnable() {
        refresh();
        return runnable;
    }

    private void refresh() {
        lock.lock();
        try {
            long now = System.nanoTime();
            if (stats == null || now - readAt >= refreshNanos) {
                stats = runner.getWorkflowStats();
                OptionalLong count = runner.store().instances().countRunnable(runner.clock().instant());
                runnable = count.isPresent() ? count.getAsLong() : Double.NaN;
                readAt = now;
            }
        } finally {
            lock.unlock();
        }
    }
}
