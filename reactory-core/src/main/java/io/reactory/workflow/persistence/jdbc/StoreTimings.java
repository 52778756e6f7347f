package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.StoreObserver;
import java.time.Duration;
import java.util.concurrent.CopyOnWriteArrayList;

/** Reports how long store operations took to the registered {@link StoreObserver}s. */
final class StoreTimings {
    private final CopyOnWriteArrayList<StoreObserver> observers = new CopyOnWriteArrayList<>();

    void add(StoreObserver observer) {
        observers.add(observer);
    }

    /** The start of a timed operation: 0 (and no clock read) while nobody observes the store. */
    long start() {
        return observers.isEmpty() ? 0L : System.nanoTime();
    }

    /** Reports an operation begun at {@code started} (from {@link #start}). */
    void report(String operation, long started, int items, boolean succeeded) {
        if (started == 0L) {
            return;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        for (StoreObserver observer : observers) {
            try {
                observer.operation(operation, took, items, succeeded);
            } catch (RuntimeException ignored) {
                // an observer must never fail a store operation (StoreObserver's contract says it never throws)
            }
        }
    }
}
