package io.reactory.server.amqp;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Counts the transient failures of each message (by its idempotency key, message id or body digest) so a message
 * is retried a bounded number of times with growing waits, then dead-lettered. Counts live in memory (bounded,
 * least recently used dropped first): after a restart a message gets its attempts again, which still bounds it.
 */
final class Attempts {
    private static final int CAPACITY = 10_000;

    private final int maxAttempts;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Integer> failures = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > CAPACITY;
        }
    };

    Attempts(int maxAttempts, Duration backoff, Duration maxBackoff) {
        this.maxAttempts = maxAttempts;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
    }

    /** Records one more failure of the message: a retry while attempts remain, else the dead letter. */
    Outcome failed(String key, String error) {
        int attempt;
        lock.lock();
        try {
            attempt = failures.merge(key, 1, Integer::sum);
            if (attempt >= maxAttempts) {
                failures.remove(key);
            }
        } finally {
            lock.unlock();
        }
        if (attempt >= maxAttempts) {
            return new Outcome.DeadLetter(DeadLetterReason.RETRIES_EXHAUSTED, error, attempt);
        }
        return new Outcome.Retry(backoffFor(attempt), error, attempt);
    }

    /** The message went through: forget its failures. */
    void succeeded(String key) {
        lock.lock();
        try {
            failures.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /** How many times the message failed so far (0 when it never did). */
    int failuresOf(String key) {
        lock.lock();
        try {
            return failures.getOrDefault(key, 0);
        } finally {
            lock.unlock();
        }
    }

    Duration backoffFor(int attempt) {
        Duration wait = backoff;
        for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
