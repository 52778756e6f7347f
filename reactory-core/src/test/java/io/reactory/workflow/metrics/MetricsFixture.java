package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A runner under a manual clock with metrics on a simple registry, configurations by hand, alerts collected. */
final class MetricsFixture implements AutoCloseable {
    /** Workflow data of the tests. */
    public static class Data {
        public int counter;
    }

    final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final Map<String, WorkflowConfig> configs = new HashMap<>();
    final List<WorkflowAlert> alerts = new ArrayList<>();
    final WorkflowMetrics metrics;

    MetricsFixture() {
        this(MetricsOptions.DEFAULT.withJvmMetrics(false));
    }

    MetricsFixture(MetricsOptions options) {
        metrics = WorkflowMetrics.create(registry, options).bind(env.runner())
                .configurations(id -> Optional.ofNullable(configs.get(id)));
        metrics.addAlertListener(alerts::add);
    }

    /** Configures a workflow's monitoring section. */
    void monitoring(String workflowId, Long slaMillis, List<String> metricNames, List<String> alertNames, Boolean enabled) {
        configs.put(workflowId, new WorkflowConfig(workflowId, null, null, null, true, null, null, null, null, null, null,
                null, new WorkflowConfig.Monitoring(enabled, metricNames, alertNames, slaMillis)));
        metrics.configurationChanged();
    }

    double count(String name, String... tags) {
        Counter c = registry.find(name).tags(tags).counter();
        return c == null ? 0 : c.count();
    }

    /** Sum of every counter of that name matching the tags. */
    double sum(String name, String... tags) {
        return registry.find(name).tags(tags).counters().stream().mapToDouble(Counter::count).sum();
    }

    long timerCount(String name, String... tags) {
        return registry.find(name).tags(tags).timers().stream().mapToLong(Timer::count).sum();
    }

    Timer timer(String name, String... tags) {
        return registry.find(name).tags(tags).timer();
    }

    double gauge(String name, String... tags) {
        Gauge g = registry.find(name).tags(tags).gauge();
        if (g == null) {
            throw new AssertionError("no gauge " + name + " " + List.of(tags));
        }
        return g.value();
    }

    List<Meter> meters() {
        return registry.getMeters();
    }

    @Override
    public void close() {
        metrics.close();
        env.close();
    }
}
