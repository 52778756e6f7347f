package io.reactory.bench;

import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowStatus;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Start → complete latency of every instance. The start side and the completion side each put their timestamp;
 * whichever comes second records the difference, so a completion that beats the start bookkeeping is not lost.
 */
final class LatencyRecorder implements WorkflowListener {
    private final ConcurrentHashMap<String, Long> pending = new ConcurrentHashMap<>();
    private volatile long[] latencies = new long[0];
    private final AtomicInteger recorded = new AtomicInteger();
    private final AtomicLong lastCompletion = new AtomicLong();
    private volatile CountDownLatch done = new CountDownLatch(0);
    private final AtomicInteger failures = new AtomicInteger();

    void expect(int count) {
        latencies = new long[count];
        recorded.set(0);
        failures.set(0);
        pending.clear();
        done = new CountDownLatch(count);
    }

    void started(String instanceId, long startNanos) {
        Long completed = pending.putIfAbsent(instanceId, startNanos);
        if (completed != null) {
            pending.remove(instanceId);
            record(completed - startNanos);
        }
    }

    @Override
    public void statusChanged(StatusChange change) {
        if (change.to() == WorkflowStatus.FAILED || change.to() == WorkflowStatus.CANCELLED) {
            failures.incrementAndGet();
        }
        if (!change.to().isFinished()) {
            return;
        }
        long now = System.nanoTime();
        lastCompletion.accumulateAndGet(now, Math::max);
        Long started = pending.putIfAbsent(change.instanceId(), now);
        if (started != null) {
            pending.remove(change.instanceId());
            record(now - started);
        }
    }

    private void record(long nanos) {
        int index = recorded.getAndIncrement();
        long[] target = latencies;
        if (index < target.length) {
            target[index] = nanos;
        }
        done.countDown();
    }

    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    long remaining() {
        return done.getCount();
    }

    long lastCompletionNanos() {
        return lastCompletion.get();
    }

    int failures() {
        return failures.get();
    }

    /** Percentile in milliseconds (p in 0..100) over the recorded latencies. */
    double[] percentilesMs(double... ps) {
        int n = Math.min(recorded.get(), latencies.length);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        double[] out = new double[ps.length];
        for (int i = 0; i < ps.length; i++) {
            if (n == 0) {
                out[i] = Double.NaN;
                continue;
            }
            int index = (int) Math.min(n - 1, Math.max(0, Math.ceil(ps[i] / 100.0 * n) - 1));
            out[i] = sorted[index] / 1_000_000.0;
        }
        return out;
    }
}
