package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps label cardinality bounded: each tag key of each meter takes at most a fixed number of distinct values; later
 * ones are recorded as {@value #OTHER} (counted in {@code reactory.metrics.tag.overflow}, tagged
 * {@code <meter>/<key>}, and logged once), so a runaway set of names costs one series, never thousands. Consulted when a meter is first created (meters are cached
 * afterwards), so it is not on the hot path. Values are also cut to {@value #MAX_LENGTH} characters. Thread-safe.
 */
final class TagGuard {
    static final String OTHER = "other";
    static final int MAX_LENGTH = 120;
    private static final Logger log = LoggerFactory.getLogger(TagGuard.class);

    private final int maxValues;
    private final MeterRegistry registry;
    private final Map<String, Set<String>> seen = new ConcurrentHashMap<>();

    TagGuard(int maxValues, MeterRegistry registry) {
        this.maxValues = maxValues;
        this.registry = registry;
    }

    /**
     * The value to record for {@code key} of {@code meter}: {@code raw} while the key has room (or already knows it),
     * else "other".
     */
    String value(String meter, String tagKey, String raw) {
        String key = meter + '/' + tagKey;
        String value = raw == null ? "none" : raw.length() > MAX_LENGTH ? raw.substring(0, MAX_LENGTH) : raw;
        Set<String> values = seen.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet());
        if (values.contains(value)) {
            return value;
        }
        // racing first uses may overshoot the limit by a few values (as many as threads racing): still bounded
        if (values.size() < maxValues) {
            values.add(value);
            return value;
        }
        if (ReactoryMetrics.TAG_OVERFLOW.counter(registry, key).count() == 0) {
            log.warn("metrics tag '{}' reached {} distinct values; further values are recorded as '{}'", key, maxValues,
                    OTHER);
        }
        ReactoryMetrics.TAG_OVERFLOW.counter(registry, key).increment();
        return OTHER;
    }
}
