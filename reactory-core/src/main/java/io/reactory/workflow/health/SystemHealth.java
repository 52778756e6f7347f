package io.reactory.workflow.health;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health of the whole system from its components' {@link HealthIndicator}s: what {@code GET /workflow/status}
 * answers, usable as Kubernetes probes.
 *
 * <ul>
 *   <li><b>Readiness</b> ({@link #check()}): the overall status is {@code DOWN} when a <i>critical</i> component (the
 *       engine, the store) is down, and the node should get no traffic; {@code DEGRADED} when another component (the
 *       scheduler, the broker, configuration reload, circuit breakers) is down or degraded — the node still works;
 *       otherwise {@code UP}.</li>
 *   <li><b>Liveness</b> ({@link #live()}): only the <i>liveness</i> components (the engine loop): a process whose
 *       engine stopped should be restarted; a store outage should not restart it.</li>
 * </ul>
 *
 * Reports are reused for a short time ({@code cacheFor}, default one second) so that probes and scrapes arriving
 * together run the checks once. Thread-safe.
 *
 * <pre>{@code
 * SystemHealth health = SystemHealth.builder()
 *         .liveness("engine", HealthIndicators.engine(runner))
 *         .critical("store", HealthIndicators.store(store, Duration.ofSeconds(2)))
 *         .component("circuitBreakers", HealthIndicators.circuitBreakers(runner.errorHandler()))
 *         .build();
 * }</pre>
 */
public final class SystemHealth {
    private static final Logger log = LoggerFactory.getLogger(SystemHealth.class);

    private final Map<String, Entry> components;
    private final Clock clock;
    private final long cacheNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private HealthReport last;
    private long lastAt;

    private record Entry(HealthIndicator indicator, boolean critical, boolean liveness) {}

    private SystemHealth(Builder b) {
        this.components = new LinkedHashMap<>(b.components);
        this.clock = b.clock;
        this.cacheNanos = b.cacheFor.toNanos();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every component, checked (or the report of less than {@code cacheFor} ago). */
    public HealthReport check() {
        lock.lock();
        try {
            long now = System.nanoTime();
            if (last == null || now - lastAt >= cacheNanos) {
                last = evaluate(false);
                lastAt = now;
            }
            return last;
        } finally {
            lock.unlock();
        }
    }

    /** The liveness components only, checked now. */
    public HealthReport live() {
        return evaluate(true);
    }

    /** The registered component names, in order. */
    public java.util.Set<String> componentNames() {
        return java.util.Collections.unmodifiableSet(components.keySet());
    }

    private HealthReport evaluate(boolean livenessOnly) {
        Map<String, HealthReport.Component> out = new LinkedHashMap<>();
        Health.Status overall = Health.Status.UP;
        for (Map.Entry<String, Entry> e : components.entrySet()) {
            Entry entry = e.getValue();
            if (livenessOnly && !entry.liveness()) {
                continue;
            }
            Health health = safely(e.getKey(), entry.indicator());
            boolean critical = entry.critical() || entry.liveness();
            out.put(e.getKey(), new HealthReport.Component(health, critical));
            Health.Status effect = health.status() == Health.Status.DOWN && !critical ? Health.Status.DEGRADED
                    : health.status();
            overall = overall.worst(effect);
        }
        return new HealthReport(overall, out, clock.instant());
    }

    private static Health safely(String name, HealthIndicator indicator) {
        try {
            Health health = indicator.check();
            return health == null ? Health.down("no answer") : health;
        } catch (RuntimeException e) {
            log.warn("health check of {} failed: {}", name, e.toString());
            return Health.down("check failed: " + e.getClass().getSimpleName());
        }
    }

    /** Assembles the components; names must be unique. */
    public static final class Builder {
        private final Map<String, Entry> components = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private Duration cacheFor = Duration.ofSeconds(1);

        private Builder() {}

        /** A component whose trouble degrades the system but does not make it unready. */
        public Builder component(String name, HealthIndicator indicator) {
            return add(name, indicator, false, false);
        }

        /** A component the system cannot work without: down means not ready. */
        public Builder critical(String name, HealthIndicator indicator) {
            return add(name, indicator, true, false);
        }

        /** A critical component that also decides liveness: down means the process should be restarted. */
        public Builder liveness(String name, HealthIndicator indicator) {
            return add(name, indicator, true, true);
        }

        /** The time reports carry. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** How long a report is reused (zero: checked on every call). */
        public Builder cacheFor(Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException("cacheFor must not be negative but was " + value);
            }
            this.cacheFor = value;
            return this;
        }

        public SystemHealth build() {
            return new SystemHealth(this);
        }

        private Builder add(String name, HealthIndicator indicator, boolean critical, boolean liveness) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("a health component needs a name");
            }
            Objects.requireNonNull(indicator, "indicator");
            if (components.putIfAbsent(name, new Entry(indicator, critical, liveness)) != null) {
                throw new IllegalArgumentException("health component '" + name + "' is registered twice");
            }
            return this;
        }
    }
}
