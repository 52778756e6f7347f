package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.Timer;
import io.reactory.workflow.persistence.PoolStats;
import io.reactory.workflow.persistence.StoreObserver;
import io.reactory.workflow.persistence.WorkflowStore;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * Store latency (the store reports each timed operation) and its connection pool (read at scrape time; NaN for a
 * store without a pool, so dashboards show the same series on every store).
 */
final class StoreMeters implements StoreObserver {
    private final MeterFactory meters;
    private final WorkflowStore store;
    private final String kind;
    private final Map<String, Timer> succeeded = new ConcurrentHashMap<>();
    private final Map<String, Timer> failed = new ConcurrentHashMap<>();

    StoreMeters(MeterFactory meters, WorkflowStore store) {
        this.meters = meters;
        this.store = store;
        this.kind = store.kind();
    }

    void register() {
        pool("active", PoolStats::active);
        pool("idle", PoolStats::idle);
        pool("pending", PoolStats::pending);
        ReactoryMetrics.STORE_POOL_MAX.gauge(meters.registry, store, s -> value(s.pool(), PoolStats::max), kind);
        store.addObserver(this);
    }

    private void pool(String state, ToIntFunction<PoolStats> figure) {
        ReactoryMetrics.STORE_POOL_CONNECTIONS.gauge(meters.registry, store, s -> value(s.pool(), figure), kind, state);
    }

    private static double value(Optional<PoolStats> pool, ToIntFunction<PoolStats> figure) {
        return pool.isPresent() ? figure.applyAsInt(pool.get()) : Double.NaN;
    }

    @Override
    public void operation(String operation, Duration took, int items, boolean ok) {
        Map<String, Timer> timers = ok ? succeeded : failed;
        Timer timer = timers.get(operation);
        if (timer == null) {
            timer = timers.computeIfAbsent(operation,
                    op -> meters.timer(ReactoryMetrics.STORE_OPERATIONS, kind, op, ok ? "success" : "failure"));
        }
        timer.record(took);
    }
}
