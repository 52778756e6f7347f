package io.reactory.server.http;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStats;
import io.reactory.workflow.api.WorkflowStatus;
import java.util.function.ToDoubleFunction;

/**
 * The runner's figures ({@link WorkflowRunner#getWorkflowStats()}) as meters. One scrape reads the stats once (they
 * count instances in the store); the observability issue adds the rest of the engine's meters.
 */
final class RunnerMetrics {
    private static final long FRESH_NANOS = 1_000_000_000L;

    private final WorkflowRunner runner;
    private volatile WorkflowStats stats;
    private volatile long readAt;

    private RunnerMetrics(WorkflowRunner runner) {
        this.runner = runner;
    }

    static void bind(WorkflowRunner runner, MeterRegistry registry) {
        RunnerMetrics m = new RunnerMetrics(runner);
        for (WorkflowStatus status : WorkflowStatus.values()) {
            Gauge.builder("reactory.instances", m, x -> x.stats().instancesByStatus().getOrDefault(status, 0L))
                    .description("Workflow instances in the store by status").tag("status", status.name())
                    .strongReference(true).register(registry);
        }
        counter(registry, m, "reactory.instances.started", "Instances started through this node", s -> s.started());
        counter(registry, m, "reactory.instances.completed", "Instances this node saw complete", s -> s.completed());
        counter(registry, m, "reactory.instances.failed", "Instances this node saw fail", s -> s.failed());
        counter(registry, m, "reactory.instances.cancelled", "Instances this node saw cancelled", s -> s.cancelled());
        counter(registry, m, "reactory.steps.executed", "Step activations this node ran", s -> s.stepsExecuted());
        Gauge.builder("reactory.instances.in.flight", m, x -> x.stats().inFlight())
                .description("Instances this node holds right now").strongReference(true).register(registry);
        Gauge.builder("reactory.definitions", m, x -> x.stats().definitions())
                .description("Registered workflow versions").strongReference(true).register(registry);
    }

    private static void counter(MeterRegistry registry, RunnerMetrics m, String name, String description,
                                ToDoubleFunction<WorkflowStats> value) {
        // function counters hold their object weakly; the gauges above hold it strongly, so it lives as long as the registry
        FunctionCounter.builder(name, m, x -> value.applyAsDouble(x.stats())).description(description)
                .register(registry);
    }

    private WorkflowStats stats() {
        long now = System.nanoTime();
        WorkflowStats current = stats;
        if (current == null || now - readAt > FRESH_NANOS) {
            current = runner.getWorkflowStats();
            stats = current;
            readAt = now;
        }
        return current;
    }
}
