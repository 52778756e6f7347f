package io.reactory.server.http;

import io.reactory.workflow.api.WorkflowStats;
import io.reactory.workflow.api.WorkflowStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The recent past of the engine's figures, for the dashboard's overview charts: samples the runner's stats and the
 * circuit breakers every {@code step} and keeps one {@code window} of them (an hour by default) in memory. Each point's
 * rates are taken over the minute before it (from the counters' differences), which keeps a chart sampled every few
 * seconds readable; the newest point is always taken at the time of the request. Per node, and lost on restart:
 * Prometheus (scraping {@code /workflow/metrics}) is the place for longer history. Thread-safe.
 */
final class MetricsHistory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MetricsHistory.class);
    /** What the rates of a point are measured over. */
    static final Duration RATE_WINDOW = Duration.ofMinutes(1);

    /** One reading. */
    record Sample(Instant at, WorkflowStats stats, List<CircuitBreakerSource.Breaker> breakers) {}

    /**
     * What happened in the minute before {@code at} (rates; less at the start of the history) and how things stood at
     * {@code at} (levels).
     *
     * @param failureRate failed / (completed + failed) in percent, or null when none finished in that minute
     * @param queued      instances PENDING: started, no step run yet
     */
    record Point(Instant at, double startedPerMinute, double completedPerMinute, double failedPerMinute,
                 Double failureRate, double stepsPerSecond, long queued, long running, long paused, int inFlight,
                 Map<String, String> breakers) {}

    private final Supplier<WorkflowStats> stats;
    private final CircuitBreakerSource breakers;
    private final Clock clock;
    private final Duration step;
    private final Duration window;
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private ScheduledExecutorService timer;

    MetricsHistory(Supplier<WorkflowStats> stats, CircuitBreakerSource breakers, Clock clock, Duration step,
                   Duration window) {
        this.stats = Objects.requireNonNull(stats, "stats");
        this.breakers = Objects.requireNonNull(breakers, "breakers");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (step.isNegative() || step.isZero() || window.compareTo(step) < 0) {
            throw new IllegalArgumentException("the sampling step must be positive and at most the window, but was "
                    + step + " for " + window);
        }
        this.step = step;
        this.window = window;
        this.capacity = (int) Math.min(100_000, window.toMillis() / step.toMillis() + 1);
    }

    Duration step() {
        return step;
    }

    Duration window() {
        return window;
    }

    /** Takes a first sample and then one every step on a daemon thread, until {@link #close()}. */
    void start() {
        lock.lock();
        try {
            if (timer != null) {
                return;
            }
            sample();
            timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("reactory-metrics-history")
                    .factory());
            timer.scheduleAtFixedRate(this::sampleQuietly, step.toMillis(), step.toMillis(), TimeUnit.MILLISECONDS);
        } finally {
            lock.unlock();
        }
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            // a failed reading leaves a gap in the chart; the timer must go on
            log.warn("could not sample the engine's figures for the dashboard", e);
        }
    }

    /** Takes a sample now and keeps it (dropping those older than the window). */
    Sample sample() {
        Sample s = read();
        lock.lock();
        try {
            samples.addLast(s);
            while (samples.size() > capacity) {
                samples.removeFirst();
            }
        } finally {
            lock.unlock();
        }
        return s;
    }

    private Sample read() {
        return new Sample(clock.instant(), stats.get(), List.copyOf(breakers.circuitBreakers()));
    }

    /** The points of the last {@code span} (at most the window), oldest first, ending with one taken now. */
    List<Point> points(Duration span) {
        Instant now = clock.instant();
        Instant from = now.minus(span.compareTo(window) > 0 ? window : span);
        List<Sample> kept;
        lock.lock();
        try {
            kept = new ArrayList<>(samples);
        } finally {
            lock.unlock();
        }
        kept.add(read());
        List<Point> points = new ArrayList<>();
        int base = 0;
        for (int i = 1; i < kept.size(); i++) {
            Sample s = kept.get(i);
            if (!s.at().isAfter(kept.get(i - 1).at())) {
                continue; // a reading at the same instant as the one before adds nothing
            }
            // the rates' starting sample: the latest one at least a rate window older (or the oldest there is)
            Instant start = s.at().minus(RATE_WINDOW);
            while (base + 1 < i && !kept.get(base + 1).at().isAfter(start)) {
                base++;
            }
            if (!s.at().isBefore(from)) {
                points.add(point(kept.get(base), s));
            }
        }
        return points;
    }

    private static Point point(Sample a, Sample b) {
        double seconds = Duration.between(a.at(), b.at()).toMillis() / 1000.0;
        WorkflowStats x = a.stats();
        WorkflowStats y = b.stats();
        double completed = Math.max(0, y.completed() - x.completed());
        double failed = Math.max(0, y.failed() - x.failed());
        Double failureRate = completed + failed == 0 ? null : 100.0 * failed / (completed + failed);
        Map<String, String> breakerStates = new LinkedHashMap<>();
        for (CircuitBreakerSource.Breaker breaker : b.breakers()) {
            breakerStates.put(breaker.name(), breaker.state());
        }
        Map<WorkflowStatus, Long> levels = y.instancesByStatus();
        return new Point(b.at(), perMinute(y.started() - x.started(), seconds), perMinute(completed, seconds),
                perMinute(failed, seconds), failureRate, Math.max(0, y.stepsExecuted() - x.stepsExecuted()) / seconds,
                levels.getOrDefault(WorkflowStatus.PENDING, 0L), levels.getOrDefault(WorkflowStatus.RUNNING, 0L),
                levels.getOrDefault(WorkflowStatus.PAUSED, 0L), y.inFlight(), breakerStates);
    }

    private static double perMinute(double delta, double seconds) {
        return Math.max(0, delta) * 60.0 / seconds;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (timer != null) {
                timer.shutdownNow();
                timer = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
