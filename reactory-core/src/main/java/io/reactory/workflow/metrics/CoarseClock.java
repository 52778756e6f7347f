package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.Clock;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A Micrometer {@link Clock} whose wall time is a value a daemon thread refreshes every few milliseconds, for the
 * registry the engine's meters are recorded into. Micrometer reads the wall clock on every timer record (to rotate the
 * time-windowed maximum and histogram); with several timers per workflow instance those reads were more than half of
 * what recording cost (≈ 330 → ≈ 150 ns per seq3 instance in {@code MetricsRecordingBenchmark}). Windows of minutes
 * do not care about a few milliseconds. Monotonic time (used to time code with {@code Timer.start}) stays
 * {@link System#nanoTime()}.
 *
 * <pre>{@code
 * PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT, new PrometheusRegistry(),
 *         CoarseClock.shared());
 * }</pre>
 *
 * Thread-safe. The shared clock's thread is started on first use and runs as long as the JVM.
 */
public final class CoarseClock implements Clock {
    private static final Duration RESOLUTION = Duration.ofMillis(5);

    private volatile long wallTime = System.currentTimeMillis();

    private CoarseClock() {}

    /** The process-wide clock (one refreshing thread for every registry that uses it). */
    public static CoarseClock shared() {
        return Shared.CLOCK;
    }

    /** Started on first use (class initialisation is thread-safe and runs once). */
    private static final class Shared {
        static final CoarseClock CLOCK = start();

        private static CoarseClock start() {
            CoarseClock clock = new CoarseClock();
            Thread.ofPlatform().name("reactory-metrics-clock").daemon(true).start(clock::tick);
            return clock;
        }
    }

    private void tick() {
        long nanos = RESOLUTION.toNanos();
        while (true) {
            LockSupport.parkNanos(nanos);
            wallTime = System.currentTimeMillis();
        }
    }

    /** Milliseconds since the epoch, at most a few milliseconds old. */
    @Override
    public long wallTime() {
        return wallTime;
    }

    @Override
    public long monotonicTime() {
        return System.nanoTime();
    }
}
