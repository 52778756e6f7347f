package io.reactory.bench;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.metrics.CoarseClock;
import io.reactory.workflow.metrics.WorkflowMetrics;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code ./bench ... --metrics on}: the runner's metrics as the server publishes them (a Prometheus registry, JVM
 * binders included), scraped every second by a background thread as Prometheus would (more often than its usual
 * 15 s), so the comparison with {@code --metrics off} includes recording and exposition.
 */
final class MetricsScraper implements AutoCloseable {
    /** As the server builds it: on the coarse clock. */
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
            new PrometheusRegistry(), CoarseClock.shared());
    private final WorkflowMetrics metrics;
    private final Thread thread;
    private volatile boolean stopped;
    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private volatile int scrapes;
    private volatile long scrapeCpuNanos;

    private MetricsScraper(WorkflowRunner runner) {
        this.metrics = WorkflowMetrics.create(registry).bind(runner);
        this.thread = Thread.ofPlatform().daemon(true).name("bench-scraper").start(this::loop);
    }

    static MetricsScraper start(WorkflowRunner runner) {
        return new MetricsScraper(runner);
    }

    private void loop() {
        while (!stopped) {
            LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            long cpu = THREADS.getCurrentThreadCpuTime();
            metrics.refresh();
            registry.scrape();
            scrapeCpuNanos += THREADS.getCurrentThreadCpuTime() - cpu;
            scrapes++;
        }
    }

    /**
     * Scrapes a few hundred times after the warm-up batch, so the exposition code is compiled before the measured
     * batch as it is in a server that has been scraped for a while (a cold scrape costs ~15 ms of CPU, a warm one ~1).
     */
    void warmUp() {
        for (int i = 0; i < 300; i++) {
            metrics.refresh();
            registry.scrape();
        }
    }

    /** The metrics counted every instance (a benchmark whose metrics miss events would measure too little). */
    void checkCompleted(String workflowId, long expected) {
        double completed = registry.get("reactory.workflow.completed").tag("workflow", workflowId).counter().count();
        if (completed != expected) {
            throw new IllegalStateException("metrics counted " + completed + " completions of " + expected);
        }
    }

    @Override
    public void close() {
        stopped = true;
        LockSupport.unpark(thread);
        metrics.close();
        System.out.printf("metrics: %d meters, %d scrapes using %.1f ms of CPU%n", registry.getMeters().size(), scrapes,
                scrapeCpuNanos / 1e6);
    }
}
