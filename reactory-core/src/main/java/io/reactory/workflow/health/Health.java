package io.reactory.workflow.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The health of one component, as its {@link HealthIndicator} sees it.
 *
 * @param detail  a short sentence for operators (never secrets, connection strings or workflow data), or null
 * @param details figures for machines (latency, counts, names)
 */
public record Health(Status status, String detail, Map<String, Object> details) {
    public Health {
        Objects.requireNonNull(status, "status");
        details = details == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public static Health up(String detail) {
        return new Health(Status.UP, detail, Map.of());
    }

    public static Health degraded(String detail) {
        return new Health(Status.DEGRADED, detail, Map.of());
    }

    public static Health down(String detail) {
        return new Health(Status.DOWN, detail, Map.of());
    }

    /** The same health with one more figure. */
    public Health with(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new Health(status, detail, more);
    }

    /** A component's status, from best to worst. */
    public enum Status {
        /** Works. */
        UP,
        /** Works with a problem an operator should look at (an open circuit breaker, a refused configuration). */
        DEGRADED,
        /** Does not work. */
        DOWN;

        /** The worse of the two. */
        public Status worst(Status other) {
            return other.ordinal() > ordinal() ? other : this;
        }
    }
}
