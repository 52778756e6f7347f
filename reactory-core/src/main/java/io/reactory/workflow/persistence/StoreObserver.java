package io.reactory.workflow.persistence;

import java.time.Duration;

/**
 * Told how long a store's operations take, for store-latency metrics. A store calls it after each operation it times
 * (the engine's claims, commits, creates and lease renewals at least), on the thread that ran the operation: keep it
 * quick and never throw. Register one with {@link WorkflowStore#addObserver}.
 */
@FunctionalInterface
public interface StoreObserver {

    /** Operation names the engine's stores report; a store may report others (its own name for them). */
    String CREATE = "create";
    String CLAIM = "claim";
    String COMMIT = "commit";
    String RENEW = "renew";
    String FIND = "find";
    String COUNT = "count";

    /**
     * @param operation what ran: one of the constants above, or a short lower-case name of the store's own
     * @param took      how long it took (wall time, {@code System.nanoTime})
     * @param items     how many instances it concerned (a batch's size; 1 for single-row operations)
     * @param succeeded false when it threw
     */
    void operation(String operation, Duration took, int items, boolean succeeded);
}
