package io.reactory.workflow.security;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Token-bucket request budgets, one bucket per caller and endpoint. A bucket holds up to {@code capacity} tokens (the
 * burst), gets {@code refillTokens} back every {@code refillPeriod} (spread evenly), and each request takes one.
 *
 * @param enabled                false switches every check off (benchmarks, trusted networks)
 * @param defaultLimit           the budget of endpoints without an override
 * @param endpoints              overrides by endpoint name, e.g. {@code "POST /workflow/start/{workflowId}"}
 * @param authenticationFailures failed authentications allowed per client address; past it the address gets 429
 *                               without its credentials being checked (slows guessing, bounds security-event volume)
 * @param maxTrackedBuckets      buckets kept in memory; past it, full (idle) buckets are dropped, which loses nothing
 */
public record RateLimitOptions(boolean enabled, Limit defaultLimit, Map<String, Limit> endpoints,
                               Limit authenticationFailures, int maxTrackedBuckets) {

    public RateLimitOptions {
        Objects.requireNonNull(defaultLimit, "defaultLimit");
        Objects.requireNonNull(authenticationFailures, "authenticationFailures");
        endpoints = endpoints == null ? Map.of() : Map.copyOf(endpoints);
        if (maxTrackedBuckets < 100) {
            throw new IllegalArgumentException("maxTrackedBuckets must be at least 100 but was " + maxTrackedBuckets);
        }
    }

    /** 200-request bursts refilled at 100 per second per caller and endpoint; 20 failed logins, then 10 a minute. */
    public static RateLimitOptions defaults() {
        return new RateLimitOptions(true, new Limit(200, 100, Duration.ofSeconds(1)), Map.of(),
                new Limit(20, 10, Duration.ofMinutes(1)), 100_000);
    }

    public static RateLimitOptions disabled() {
        return defaults().withEnabled(false);
    }

    public RateLimitOptions withEnabled(boolean value) {
        return new RateLimitOptions(value, defaultLimit, endpoints, authenticationFailures, maxTrackedBuckets);
    }

    public RateLimitOptions withDefaultLimit(Limit value) {
        return new RateLimitOptions(enabled, value, endpoints, authenticationFailures, maxTrackedBuckets);
    }

    public RateLimitOptions withEndpoints(Map<String, Limit> value) {
        return new RateLimitOptions(enabled, defaultLimit, value, authenticationFailures, maxTrackedBuckets);
    }

    public RateLimitOptions withAuthenticationFailures(Limit value) {
        return new RateLimitOptions(enabled, defaultLimit, endpoints, value, maxTrackedBuckets);
    }

    /** The budget of one endpoint. */
    public Limit limitFor(String endpoint) {
        return endpoints.getOrDefault(endpoint, defaultLimit);
    }

    /**
     * One bucket's shape.
     *
     * @param capacity     the burst: tokens a full bucket holds
     * @param refillTokens tokens added per {@code refillPeriod}
     */
    public record Limit(long capacity, long refillTokens, Duration refillPeriod) {
        public Limit {
            if (capacity < 1) {
                throw new IllegalArgumentException("capacity must be at least 1 but was " + capacity);
            }
            if (refillTokens < 1) {
                throw new IllegalArgumentException("refillTokens must be at least 1 but was " + refillTokens);
            }
            Objects.requireNonNull(refillPeriod, "refillPeriod");
            if (refillPeriod.isNegative() || refillPeriod.isZero()) {
                throw new IllegalArgumentException("refillPeriod must be positive but was " + refillPeriod);
            }
        }
    }
}
