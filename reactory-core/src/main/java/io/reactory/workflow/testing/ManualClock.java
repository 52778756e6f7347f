package io.reactory.workflow.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when told to. Give it to the runner, then {@link #advance} it: a workflow with a 3-day
 * delay is tested in milliseconds. Thread-safe; listeners (an engine waiting for the next due time) run after each
 * move.
 */
public final class ManualClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;
    private final List<Runnable> listeners;

    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC, new CopyOnWriteArrayList<>());
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone, List<Runnable> listeners) {
        this.now = now;
        this.zone = zone;
        this.listeners = listeners;
    }

    /** A clock at 2026-01-01T00:00:00Z. */
    public static ManualClock startingAt2026() {
        return new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("a clock does not go back: " + duration);
        }
        now.updateAndGet(t -> t.plus(duration));
        listeners.forEach(Runnable::run);
    }

    /** Moves to {@code instant}; moving back is allowed (to test clock skew) but rarely what a test wants. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
        listeners.forEach(Runnable::run);
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new ManualClock(now, zone, listeners);
    }
}
