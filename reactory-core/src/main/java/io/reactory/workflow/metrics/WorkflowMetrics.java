package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.health.Health;
import io.reactory.workflow.health.HealthReport;
import io.reactory.workflow.health.SystemHealth;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reactory's metrics on a Micrometer registry, and the workflow alerts. Bind the parts of the system that exist; each
 * feeds its meters (names and tags in {@link ReactoryMetrics}):
 *
 * <pre>{@code
 * WorkflowMetrics metrics = WorkflowMetrics.create(registry)
 *         .bind(runner)          // workflows, steps, errors, retries, breakers, queues, store latency and pool
 *         .bind(configuration)   // reload outcomes, and each workflow's monitoring section (SLA, alerts, series)
 *         .bind(security);       // security events, rate-limit refusals, audit entries
 * metrics.addAlertListener(alert -> pager.send(alert));
 * metrics.bind(scheduler);      // fired, late, skipped and finished runs; schedules and runs in flight
 * }</pre>
 *
 * <p>Cost: the runner's events are recorded into meters created once and cached per workflow and step (a map lookup
 * and an increment or a histogram record per event, on the engine thread that reports it); gauges read the store
 * only when scraped. Thread-safe.
 */
public final class WorkflowMetrics implements AutoCloseable {
    private final MeterRegistry registry;
    private final MetricsOptions options;
    private final MeterFactory meters;
    private final AlertMonitor alerts;
    private final BreakerMeters breakers;
    private final EngineMeters engine;
    private final SchedulerMeters scheduler;
    private final LifecycleMeters lifecycle;
    private final JvmGcMetrics gc;
    private volatile WorkflowRunner runner;

    private WorkflowMetrics(MeterRegistry registry, MetricsOptions options) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.options = Objects.requireNonNull(options, "options");
        this.meters = new MeterFactory(registry, options.maxTagValues());
        this.alerts = new AlertMonitor(options.alerts(), Clock.systemUTC(), meters);
        this.breakers = new BreakerMeters(meters);
        this.engine = new EngineMeters(meters, options.alerts(), alerts, breakers);
        this.scheduler = new SchedulerMeters(meters);
        this.lifecycle = new LifecycleMeters(meters);
        if (options.jvmMetrics()) {
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ClassLoaderMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            this.gc = new JvmGcMetrics();
            gc.bindTo(registry);
        } else {
            this.gc = null;
        }
    }

    /** Metrics with the default options (JVM metrics included). */
    public static WorkflowMetrics create(MeterRegistry registry) {
        return new WorkflowMetrics(registry, MetricsOptions.DEFAULT);
    }

    public static WorkflowMetrics create(MeterRegistry registry, MetricsOptions options) {
        return new WorkflowMetrics(registry, options);
    }

    /**
     * Feeds the metrics from a runner: registers the listener (workflows, steps, errors, retries, breakers, alerts),
     * the gauges read from its stats and store, the store's latency and pool, and the breakers its steps declare.
     * One runner per {@code WorkflowMetrics}.
     *
     * @throws IllegalStateException when a runner is bound already
     */
    public WorkflowMetrics bind(WorkflowRunner value) {
        Objects.requireNonNull(value, "runner");
        if (runner != null) {
            throw new IllegalStateException("a runner is bound to these metrics already");
        }
        runner = value;
        alerts.clock(value.clock());
        engine.definitions(value::definitions);
        value.addListener(engine);
        new RunnerGauges(value, options.storeReadInterval()).register(registry);
        new StoreMeters(meters, value.store()).register();
        breakers.bind(value.errorHandler());
        refresh();
        return this;
    }

    /**
     * Reads each workflow's {@code monitoring} section from the configuration in force (and again after every
     * reload), and publishes the reload outcomes.
     */
    public WorkflowMetrics bind(ConfigurationManager configuration) {
        ConfigMeters.bind(configuration, registry, engine);
        return this;
    }

    /**
     * Where workflow configurations come from when there is no {@link ConfigurationManager}; call
     * {@link #configurationChanged()} when they change.
     */
    public WorkflowMetrics configurations(Function<String, Optional<WorkflowConfig>> source) {
        engine.configurations(Objects.requireNonNull(source, "source"));
        return this;
    }

    /** Makes the monitoring sections be read again (after a configuration change outside the manager). */
    public void configurationChanged() {
        engine.configurationChanged();
    }

    /** Counts security events, rate-limit refusals and audit entries. */
    public WorkflowMetrics bind(WorkflowSecurityManager security) {
        SecurityMeters securityMeters = new SecurityMeters(meters);
        securityMeters.register();
        security.addListener(securityMeters);
        return this;
    }

    /** Publishes each health component's status ({@code reactory.health}), checked at scrape time. */
    public WorkflowMetrics bind(SystemHealth health) {
        for (String component : health.componentNames()) {
            for (Health.Status status : Health.Status.values()) {
                ReactoryMetrics.HEALTH.gauge(registry, health, h -> {
                    HealthReport.Component c = h.check().components().get(component);
                    return c != null && c.health().status() == status ? 1 : 0;
                }, meters.guarded(ReactoryMetrics.HEALTH, component, status.name()));
            }
        }
        return this;
    }

    /**
     * Feeds the scheduler meters from a Scheduler's events (runs fired with their lateness, retries, skipped fire
     * times, finished runs) and publishes its schedule and run counts.
     */
    public WorkflowMetrics bind(WorkflowScheduler value) {
        scheduler.register(Objects.requireNonNull(value, "scheduler"), options.storeReadInterval());
        return this;
    }

    /** Where another source of scheduler events reports fired, late, skipped (misfired) and finished runs. */
    public SchedulerObserver scheduler() {
        return scheduler;
    }

    /** Where the LifecycleManager reports dependency waits and concurrency queues. */
    public LifecycleObserver lifecycle() {
        return lifecycle;
    }

    /**
     * The engine listener behind {@link #bind(WorkflowRunner)} (already registered with the bound runner): for
     * benchmarks and tests that feed it events directly.
     */
    public WorkflowListener listener() {
        return engine;
    }

    /** Receives every workflow alert after it is logged and counted. */
    public void addAlertListener(AlertListener listener) {
        alerts.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Registers the meters of circuit breakers that appeared since the last call (declared by newly registered
     * steps, or created on first use). Cheap; call it before each scrape.
     */
    public void refresh() {
        WorkflowRunner bound = runner;
        if (bound != null) {
            engine.declaredDependencies().forEach(breakers::ensure);
            bound.errorHandler().circuitBreakers().forEach(b -> breakers.ensure(b.dependency()));
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    public MetricsOptions options() {
        return options;
    }

    /** Stops the JVM garbage-collection listener. The registry and its meters stay. */
    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
    }
}
