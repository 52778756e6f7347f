package io.reactory.workflow.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Token buckets (bucket4j) per key, where a key is a caller and an endpoint. Time comes from the injected clock, so
 * tests refill buckets by moving a manual clock. Thread-safe and lock-free on the hot path.
 */
final class RateLimiter {
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;
    private final int maxTracked;
    private final AtomicBoolean sweeping = new AtomicBoolean();

    RateLimiter(Clock clock, int maxTracked) {
        this.time = new ClockTimeMeter(clock);
        this.maxTracked = maxTracked;
    }

    /** Takes one token from the bucket of {@code key}, creating it full with {@code limit} on first use. */
    RateLimitInfo consume(String key, RateLimitOptions.Limit limit) {
        Entry entry = bucket(key, limit);
        ConsumptionProbe probe = entry.bucket.tryConsumeAndReturnRemaining(1);
        return info(limit, probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForReset(),
                probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill());
    }

    /** The state of a bucket without taking a token (a missing bucket is full). */
    RateLimitInfo peek(String key, RateLimitOptions.Limit limit) {
        Entry entry = buckets.get(key);
        if (entry == null) {
            return info(limit, true, limit.capacity(), 0, 0);
        }
        long available = entry.bucket.getAvailableTokens();
        long refill = available > 0 ? 0 : entry.bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return info(limit, available > 0, available, 0, refill);
    }

    private static RateLimitInfo info(RateLimitOptions.Limit limit, boolean allowed, long remaining, long resetNanos,
                                      long retryNanos) {
        return new RateLimitInfo(allowed, limit.capacity(), Math.max(0, remaining), Duration.ofNanos(resetNanos),
                Duration.ofNanos(retryNanos));
    }

    private Entry bucket(String key, RateLimitOptions.Limit limit) {
        Entry entry = buckets.get(key);
        if (entry != null && entry.limit.equals(limit)) {
            return entry;
        }
        if (buckets.size() >= maxTracked) {
            sweep();
        }
        Entry fresh = new Entry(limit, Bucket.builder()
                .addLimit(l -> l.capacity(limit.capacity()).refillGreedy(limit.refillTokens(), limit.refillPeriod()))
                .withCustomTimePrecision(time)
                .build());
        if (entry == null) {
            Entry raced = buckets.putIfAbsent(key, fresh);
            return raced == null ? fresh : raced;
        }
        buckets.put(key, fresh); // the configured limit changed: start over with the new shape
        return fresh;
    }

    /**
     * Drops full buckets: a full bucket is the same as no bucket, so nothing is forgotten. Only when the map is still
     * too big (every caller mid-burst) are arbitrary buckets dropped, which at worst hands a caller a fresh burst.
     */
    private void sweep() {
        if (!sweeping.compareAndSet(false, true)) {
            return;
        }
        try {
            buckets.entrySet().removeIf(e -> e.getValue().bucket.getAvailableTokens() >= e.getValue().limit.capacity());
            var it = buckets.keySet().iterator();
            while (buckets.size() >= maxTracked && it.hasNext()) {
                it.next();
                it.remove();
            }
        } finally {
            sweeping.set(false);
        }
    }

    private record Entry(RateLimitOptions.Limit limit, Bucket bucket) {}

    /** bucket4j time from a {@link Clock}. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
