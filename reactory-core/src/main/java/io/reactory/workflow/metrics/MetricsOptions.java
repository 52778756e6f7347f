package io.reactory.workflow.metrics;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link WorkflowMetrics} publishes.
 *
 * @param jvmMetrics        bind Micrometer's JVM and process binders (memory, GC, threads, classes, CPU, uptime)
 * @param maxTagValues      distinct values each tag key may take before further ones are recorded as {@code other}
 * @param storeReadInterval how long figures read from the store (instances by status, queue depth) are reused
 *                          between scrapes, so several gauges and scrapes cost one store read
 * @param alerts            thresholds of the workflow alerts
 */
public record MetricsOptions(boolean jvmMetrics, int maxTagValues, Duration storeReadInterval, AlertOptions alerts) {
    public MetricsOptions {
        if (maxTagValues < 10) {
            throw new IllegalArgumentException("maxTagValues must be at least 10 but was " + maxTagValues);
        }
        Objects.requireNonNull(storeReadInterval, "storeReadInterval");
        if (storeReadInterval.isNegative()) {
            throw new IllegalArgumentException("storeReadInterval must not be negative but was " + storeReadInterval);
        }
        Objects.requireNonNull(alerts, "alerts");
    }

    /** JVM metrics on, 1,000 values per tag key, store figures reused for one second, default alert thresholds. */
    public static final MetricsOptions DEFAULT = new MetricsOptions(true, 1000, Duration.ofSeconds(1), AlertOptions.DEFAULT);

    public MetricsOptions withJvmMetrics(boolean value) {
        return new MetricsOptions(value, maxTagValues, storeReadInterval, alerts);
    }

    public MetricsOptions withMaxTagValues(int value) {
        return new MetricsOptions(jvmMetrics, value, storeReadInterval, alerts);
    }

    public MetricsOptions withStoreReadInterval(Duration value) {
        return new MetricsOptions(jvmMetrics, maxTagValues, value, alerts);
    }

    public MetricsOptions withAlerts(AlertOptions value) {
        return new MetricsOptions(jvmMetrics, maxTagValues, storeReadInterval, value);
    }
}
