package io.reactory.workflow.metrics;

import io.reactory.workflow.lifecycle.LifecycleListener;
import io.reactory.workflow.lifecycle.LifecycleStats;
import io.reactory.workflow.lifecycle.WorkflowLifecycleManager;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Feeds the LifecycleManager into the lifecycle meters: each satisfied dependency wait as it happens, and the
 * waiting and queued counts per workflow from {@link WorkflowLifecycleManager#getLifecycleStats()}, read every
 * {@code refresh} on one daemon virtual thread. The counts come from the store, so every node reports the same,
 * cluster-wide figures (aggregate them with {@code max}, not {@code sum}).
 */
public final class LifecycleMetricsBinding implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LifecycleMetricsBinding.class);

    private final WorkflowLifecycleManager manager;
    private final LifecycleObserver observer;
    private final Set<String> seen = new HashSet<>();
    private final Thread refresher;
    private volatile boolean closed;

    private LifecycleMetricsBinding(WorkflowLifecycleManager manager, LifecycleObserver observer, Duration refresh) {
        this.manager = manager;
        this.observer = observer;
        manager.addListener(new LifecycleListener() {
            @Override
            public void dependenciesMet(String instanceId, String workflowId, Duration waited) {
                observer.dependencyWaitEnded(workflowId, waited, "satisfied");
            }
        });
        this.refresher = Thread.ofVirtual().name("reactory-lifecycle-metrics").start(() -> {
            while (!closed) {
                refresh();
                LockSupport.parkNanos(refresh.toNanos());
            }
        });
    }

    /** Binds a manager to the metrics; close the binding before the manager. */
    public static LifecycleMetricsBinding bind(WorkflowMetrics metrics, WorkflowLifecycleManager manager, Duration refresh) {
        return new LifecycleMetricsBinding(manager, metrics.lifecycle(), refresh);
    }

    /** Reads the stats once and sets the gauges; workflows that stopped waiting drop to zero. */
    void refresh() {
        try {
            LifecycleStats stats = manager.getLifecycleStats();
            publish(stats.waitingByWorkflow(), true);
            publish(stats.queuedByWorkflow(), false);
        } catch (RuntimeException e) {
            log.debug("lifecycle statistics unavailable: {}", e.toString());
        }
    }

    private void publish(Map<String, Long> counts, boolean waiting) {
        Set<String> workflows = new HashSet<>(seen);
        workflows.addAll(counts.keySet());
        for (String workflow : workflows) {
            long n = counts.getOrDefault(workflow, 0L);
            if (waiting) {
                observer.waiting(workflow, n);
            } else {
                observer.queued(workflow, n);
            }
        }
        seen.addAll(counts.keySet());
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(refresher);
    }
}
