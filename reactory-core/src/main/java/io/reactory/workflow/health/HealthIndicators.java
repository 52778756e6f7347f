package io.reactory.workflow.health;

import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.ReloadStatus;
import io.reactory.workflow.execution.LocalWorkflowRunner;
import io.reactory.workflow.persistence.PoolStats;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.resilience.CircuitBreakerSnapshot;
import io.reactory.workflow.resilience.CircuitBreakerState;
import io.reactory.workflow.resilience.ErrorHandler;
import io.reactory.workflow.scheduling.LocalWorkflowScheduler;
import io.reactory.workflow.scheduling.SchedulerStats;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The health indicators of the core's components. */
public final class HealthIndicators {
    private HealthIndicators() {}

    /** The engine: DOWN once the runner is closed or its loop thread has died; UP otherwise. */
    public static HealthIndicator engine(WorkflowRunner runner) {
        return () -> {
            if (runner instanceof LocalWorkflowRunner local) {
                if (!local.isRunning()) {
                    return Health.down("the engine is stopped");
                }
                return Health.up(local.isInitialized() ? "running" : "not initialized (manual mode)")
                        .with("node", local.options().nodeId());
            }
            return Health.up("running");
        };
    }

    /**
     * The store: a cheap read ({@link WorkflowStore#ping()}) within {@code timeout}. DOWN when it fails or is slower;
     * DEGRADED when its connection pool is exhausted (every connection busy and callers waiting).
     */
    public static HealthIndicator store(WorkflowStore store, Duration timeout) {
        long timeoutNanos = timeout.toNanos();
        return () -> {
            RuntimeException[] failure = new RuntimeException[1];
            long started = System.nanoTime();
            Thread ping = Thread.ofVirtual().name("reactory-store-ping").start(() -> {
                try {
                    store.ping();
                } catch (RuntimeException e) {
                    failure[0] = e;
                }
            });
            boolean finished;
            try {
                finished = ping.join(Duration.ofNanos(timeoutNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Health.down("interrupted while checking the store");
            }
            double millis = (System.nanoTime() - started) / 1e6;
            if (!finished) {
                return Health.down("the store did not answer within " + timeout).with("kind", store.kind());
            }
            if (failure[0] != null) {
                // the type only: messages of drivers can carry host names and connection strings
                return Health.down("the store failed: " + failure[0].getClass().getSimpleName()).with("kind", store.kind());
            }
            Optional<PoolStats> pool = store.pool();
            Health health = pool.isPresent() && pool.get().exhausted()
                    ? Health.degraded("every pooled connection is busy and callers wait")
                    : Health.up("answers");
            health = health.with("kind", store.kind()).with("pingMillis", Math.round(millis * 100) / 100.0);
            if (pool.isPresent()) {
                health = health.with("pool", pool.get());
            }
            return health;
        };
    }

    /**
     * Configuration hot reload: DEGRADED while the last change was refused (the configuration in force is older than
     * the files), UP otherwise.
     */
    public static HealthIndicator configuration(ConfigurationManager manager) {
        return configuration(manager::status);
    }

    /** The same from any source of reload status (null: nothing reloads, UP). */
    public static HealthIndicator configuration(java.util.function.Supplier<ReloadStatus> reloadStatus) {
        return () -> {
            ReloadStatus status = reloadStatus.get();
            if (status == null) {
                return Health.up("static configuration");
            }
            Health health = status.isStale()
                    ? Health.degraded("the last configuration change was refused (" + status.last().problems().size()
                            + " problems); generation " + status.generation() + " stays in force")
                    : Health.up(status.hotReload() ? "hot reload on" : "hot reload off");
            return health.with("generation", status.generation()).with("hotReload", status.hotReload())
                    .with("applied", status.applied()).with("rejected", status.rejected());
        };
    }

    /**
     * The Scheduler: DOWN once it is closed or its timer thread died; DEGRADED while its passes fail (it retries each
     * second); UP otherwise, with its schedule counts and next fire time.
     */
    public static HealthIndicator scheduler(WorkflowScheduler scheduler) {
        return () -> {
            if (scheduler instanceof LocalWorkflowScheduler local) {
                if (!local.isRunning()) {
                    return Health.down("the scheduler is stopped");
                }
                if (local.lastPassFailed()) {
                    return Health.degraded("the last firing pass failed; retrying");
                }
            }
            SchedulerStats stats = scheduler.getSchedulerStats();
            Health health = Health.up(stats.active() + " active schedules").with("schedules", stats.schedules())
                    .with("paused", stats.paused()).with("runsInFlight", stats.runsInFlight());
            return stats.nextFireTime() == null ? health : health.with("nextFireTime", stats.nextFireTime());
        };
    }

    /** Circuit breakers: DEGRADED while any is OPEN or HALF_OPEN (its dependency fails), with their names. */
    public static HealthIndicator circuitBreakers(ErrorHandler errorHandler) {
        return () -> {
            List<CircuitBreakerSnapshot> breakers = errorHandler.circuitBreakers();
            List<String> open = breakers.stream().filter(b -> b.state() != CircuitBreakerState.CLOSED)
                    .map(b -> b.dependency() + " " + b.state()).toList();
            Health health = open.isEmpty() ? Health.up(breakers.size() + " closed")
                    : Health.degraded(open.size() + " of " + breakers.size() + " not closed");
            return open.isEmpty() ? health : health.with("notClosed", open);
        };
    }
}
