package io.reactory.workflow.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One workflow's alert bookkeeping: the window of its latest step attempts (failed or not, retried or not) for the
 * rate alerts, and when each alert was last raised (the cooldown). A rate alert fires when the rate crosses its
 * threshold and is re-armed once the rate is below it again. Thread-safe (one uncontended lock; used only for
 * workflows that ask for rate alerts).
 */
final class AlertState {
    static final int ERROR_RATE_CROSSED = 1;
    static final int RETRY_RATE_CROSSED = 2;
    private static final byte FAILED = 1;
    private static final byte RETRIED = 2;

    private final AlertOptions options;
    private final ReentrantLock lock = new ReentrantLock();
    private final byte[] window;
    private int next;
    private int size;
    private int failures;
    private int retries;
    private boolean errorArmed = true;
    private boolean retryArmed = true;
    private final Instant[] lastRaised = new Instant[AlertType.values().length];
    private final int[] suppressed = new int[AlertType.values().length];

    AlertState(AlertOptions options) {
        this.options = options;
        this.window = new byte[options.window()];
    }

    /** Records a step attempt; returns which rate alerts it made cross their thresholds (bit flags). */
    int attempt(boolean failed) {
        lock.lock();
        try {
            if (size == window.length) {
                byte old = window[next];
                failures -= old & FAILED;
                retries -= (old & RETRIED) >> 1;
            } else {
                size++;
            }
            window[next] = failed ? FAILED : 0;
            failures += failed ? 1 : 0;
            next = (next + 1) % window.length;
            return crossings();
        } finally {
            lock.unlock();
        }
    }

    /** The latest failed attempt scheduled a retry; returns the rate alerts that crossed. */
    int retried() {
        lock.lock();
        try {
            int last = (next - 1 + window.length) % window.length;
            if (size > 0 && (window[last] & (FAILED | RETRIED)) == FAILED) {
                window[last] |= RETRIED;
                retries++;
            }
            return crossings();
        } finally {
            lock.unlock();
        }
    }

    private int crossings() {
        int crossed = 0;
        double errorRate = rate(failures);
        double retryRate = rate(retries);
        if (errorRate >= options.errorRateThreshold()) {
            if (errorArmed && size >= options.minimumAttempts()) {
                errorArmed = false;
                crossed |= ERROR_RATE_CROSSED;
            }
        } else {
            errorArmed = true;
        }
        if (retryRate >= options.retryRateThreshold()) {
            if (retryArmed && size >= options.minimumAttempts()) {
                retryArmed = false;
                crossed |= RETRY_RATE_CROSSED;
            }
        } else {
            retryArmed = true;
        }
        return crossed;
    }

    private double rate(int count) {
        return size == 0 ? 0.0 : (double) count / size;
    }

    /** {attempts in the window, error rate, retry rate}. */
    double[] rates() {
        lock.lock();
        try {
            return new double[] {size, rate(failures), rate(retries)};
        } finally {
            lock.unlock();
        }
    }

    /**
     * Whether an alert of {@code type} may be raised at {@code now}: returns how many were suppressed since the last
     * one (0 or more) and starts a new cooldown, or -1 when it is suppressed (and counted).
     */
    int admit(AlertType type, Instant now) {
        Duration cooldown = options.cooldown();
        lock.lock();
        try {
            int i = type.ordinal();
            Instant last = lastRaised[i];
            if (last != null && now.isBefore(last.plus(cooldown))) {
                suppressed[i]++;
                return -1;
            }
            lastRaised[i] = now;
            int before = suppressed[i];
            suppressed[i] = 0;
            return before;
        } finally {
            lock.unlock();
        }
    }
}
