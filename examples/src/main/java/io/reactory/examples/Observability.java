package io.reactory.examples;

import io.micrometer.core.instrument.MeterRegistry;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.health.HealthIndicators;
import io.reactory.workflow.health.SystemHealth;
import io.reactory.workflow.metrics.WorkflowMetrics;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import java.time.Duration;
import java.util.function.Consumer;

/** Metrics, alerts and health for an engine embedded in an application (the server does the same by itself). */
public final class Observability {
    private Observability() {}

    /** Binds the metrics and the health checks to the parts of the system; alerts go to {@code pager}. */
    public static SystemHealth observe(MeterRegistry registry, WorkflowRunner runner, ConfigurationManager configuration,
                                       WorkflowScheduler scheduler, Consumer<String> pager) {
        // tag::observability[]
        WorkflowMetrics metrics = WorkflowMetrics.create(registry)   // any Micrometer registry (Prometheus, OTLP...)
                .bind(runner)            // workflows, steps, errors, retries, breakers, queues, store latency
                .bind(configuration)     // reload outcomes; each workflow's monitoring section (SLA, alerts)
                .bind(scheduler);        // fired, late, misfired and finished runs
        metrics.addAlertListener(alert -> pager.accept(alert.severity() + " " + alert.message()));

        SystemHealth health = SystemHealth.builder()
                .liveness("engine", HealthIndicators.engine(runner))          // down: restart the process
                .critical("store", HealthIndicators.store(runner.store(), Duration.ofSeconds(2)))  // down: not ready
                .component("scheduler", HealthIndicators.scheduler(scheduler))  // down: degraded
                .component("configuration", HealthIndicators.configuration(configuration))
                .component("circuitBreakers", HealthIndicators.circuitBreakers(runner.errorHandler()))
                .build();
        metrics.bind(health);    // reactory_health{component, status}; health.check().ready(): UP or DEGRADED
        // end::observability[]
        return health;
    }
}
