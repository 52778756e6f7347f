package io.reactory.workflow.lifecycle;

import java.time.Duration;

/**
 * How long finished instances are kept before {@link WorkflowLifecycleManager#cleanupCompletedWorkflows()} removes
 * them (counted from when they finished), and how long published events are kept. A null duration keeps them for
 * ever.
 *
 * @param completed  COMPLETED instances (default 7 days)
 * @param failed     FAILED instances (default 30 days: they may still be retried)
 * @param cancelled  CANCELLED instances (default 7 days)
 * @param events     published events (default 30 days); an instance created before an event was published can
 *                   only receive it while it is kept
 * @param batchSize  instances removed per batch (default 500)
 * @param maxPerRun  instances removed per cleanup run at most (default 50,000); the next run goes on
 */
public record RetentionOptions(Duration completed, Duration failed, Duration cancelled, Duration events, int batchSize,
                               int maxPerRun) {
    public static final RetentionOptions DEFAULT = new RetentionOptions(Duration.ofDays(7), Duration.ofDays(30),
            Duration.ofDays(7), Duration.ofDays(30), 500, 50_000);

    public RetentionOptions {
        notNegative("completed", completed);
        notNegative("failed", failed);
        notNegative("cancelled", cancelled);
        notNegative("events", events);
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batchSize must be between 1 and 10000 but was " + batchSize);
        }
        if (maxPerRun < batchSize) {
            throw new IllegalArgumentException("maxPerRun must be at least batchSize but was " + maxPerRun);
        }
    }

    private static void notNegative(String field, Duration value) {
        if (value != null && value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative but was " + value);
        }
    }

    public RetentionOptions withCompleted(Duration value) {
        return new RetentionOptions(value, failed, cancelled, events, batchSize, maxPerRun);
    }

    public RetentionOptions withFailed(Duration value) {
        return new RetentionOptions(completed, value, cancelled, events, batchSize, maxPerRun);
    }

    public RetentionOptions withCancelled(Duration value) {
        return new RetentionOptions(completed, failed, value, events, batchSize, maxPerRun);
    }

    public RetentionOptions withEvents(Duration value) {
        return new RetentionOptions(completed, failed, cancelled, value, batchSize, maxPerRun);
    }

    public RetentionOptions withBatchSize(int value) {
        return new RetentionOptions(completed, failed, cancelled, events, value, Math.max(maxPerRun, value));
    }
}
