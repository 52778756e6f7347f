package io.reactory.bench.jmh;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.metrics.CoarseClock;
import io.reactory.workflow.metrics.MetricsOptions;
import io.reactory.workflow.metrics.WorkflowMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the metrics cost per seq3 instance, without the engine around them: the events one instance of three steps
 * sends its listeners (created, started, three steps finished, completed), recorded into the meters of a Prometheus
 * registry on the coarse clock, as the server's. Run: {@code java -cp reactory-bench/target/reactory-bench.jar
 * org.openjdk.jmh.Main MetricsRecording} (append {@code -jvmArgsAppend -Dclock=system} for Micrometer's clock).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MetricsRecordingBenchmark {
    private WorkflowRunner runner;
    private WorkflowMetrics metrics;
    private WorkflowListener listener;
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    private final Duration step = Duration.ofNanos(1_200);
    private StatusChange created;
    private StatusChange started;
    private StatusChange completed;

    @Setup
    public void setUp() {
        runner = WorkflowRunner.builder().build();
        // as the server builds its registry (the coarse clock); -Dclock=system for Micrometer's default clock
        boolean systemClock = "system".equals(System.getProperty("clock"));
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(),
                systemClock ? io.micrometer.core.instrument.Clock.SYSTEM : CoarseClock.shared());
        metrics = WorkflowMetrics.create(registry,
                MetricsOptions.DEFAULT.withJvmMetrics(false)).bind(runner);
        listener = metrics.listener();
        created = new StatusChange("i", "seq3", "1", "default", null, WorkflowStatus.PENDING, t0, null, null);
        started = new StatusChange("i", "seq3", "1", "default", WorkflowStatus.PENDING, WorkflowStatus.RUNNING, t0, t0, null);
        completed = new StatusChange("i", "seq3", "1", "default", WorkflowStatus.RUNNING, WorkflowStatus.COMPLETED,
                t0.plusMillis(3), t0, null);
    }

    @TearDown
    public void tearDown() {
        metrics.close();
        runner.close();
    }

    @Benchmark
    public void seq3Instance() {
        listener.statusChanged(created);
        listener.statusChanged(started);
        listener.stepFinished("seq3", "one", step, true, null);
        listener.stepFinished("seq3", "two", step, true, null);
        listener.stepFinished("seq3", "three", step, true, null);
        listener.statusChanged(completed);
    }
}
