package io.reactory.workflow.scheduling;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a scheduler. The defaults suit most installations; every field is validated here.
 *
 * @param nodeId            this node's name in fire claims (default: the runner's node id)
 * @param pollInterval      how often the scheduler looks at the store when nothing is due: the longest a schedule
 *                          added on another node waits to be seen
 * @param misfireThreshold  a fire time later than this is missed (misfire policy) rather than merely late
 * @param catchUpLimit      the most missed fire times one schedule catches up at once with {@code fire-all}
 * @param bufferLimit       the most fire times one schedule queues with {@code overlap: allow}
 * @param claimTimeout      how long a node's claim on a run it is starting lasts; if it dies meanwhile another node
 *                          starts the run after this (the start is idempotent, so never twice)
 * @param reconcileInterval how often a run in flight is checked against its instance in case its end was not
 *                          reported (the node that ran it died, or runs no scheduler)
 * @param batchSize         due schedules or fire records handled per store query
 * @param fireRetention     how long records of finished runs are kept
 */
public record SchedulerOptions(String nodeId, Duration pollInterval, Duration misfireThreshold, int catchUpLimit,
                               int bufferLimit, Duration claimTimeout, Duration reconcileInterval, int batchSize,
                               Duration fireRetention) {

    public SchedulerOptions {
        Objects.requireNonNull(nodeId, "nodeId");
        positive("pollInterval", pollInterval);
        positive("misfireThreshold", misfireThreshold);
        positive("claimTimeout", claimTimeout);
        positive("reconcileInterval", reconcileInterval);
        positive("fireRetention", fireRetention);
        atLeastOne("catchUpLimit", catchUpLimit);
        atLeastOne("bufferLimit", bufferLimit);
        atLeastOne("batchSize", batchSize);
    }

    /** The defaults, for a scheduler on a runner whose node id is {@code nodeId}. */
    public static SchedulerOptions defaults(String nodeId) {
        return new SchedulerOptions(nodeId, Duration.ofSeconds(1), Duration.ofMinutes(1), 100, 100,
                Duration.ofSeconds(30), Duration.ofMinutes(1), 256, Duration.ofDays(7));
    }

    public SchedulerOptions withNodeId(String value) {
        return new SchedulerOptions(value, pollInterval, misfireThreshold, catchUpLimit, bufferLimit, claimTimeout,
                reconcileInterval, batchSize, fireRetention);
    }

    public SchedulerOptions withPollInterval(Duration value) {
        return new SchedulerOptions(nodeId, value, misfireThreshold, catchUpLimit, bufferLimit, claimTimeout,
                reconcileInterval, batchSize, fireRetention);
    }

    public SchedulerOptions withMisfireThreshold(Duration value) {
        return new SchedulerOptions(nodeId, pollInterval, value, catchUpLimit, bufferLimit, claimTimeout,
                reconcileInterval, batchSize, fireRetention);
    }

    public SchedulerOptions withCatchUpLimit(int value) {
        return new SchedulerOptions(nodeId, pollInterval, misfireThreshold, value, bufferLimit, claimTimeout,
                reconcileInterval, batchSize, fireRetention);
    }

    public SchedulerOptions withBufferLimit(int value) {
        return new SchedulerOptions(nodeId, pollInterval, misfireThreshold, catchUpLimit, value, claimTimeout,
                reconcileInterval, batchSize, fireRetention);
    }

    public SchedulerOptions withClaimTimeout(Duration value) {
        return new SchedulerOptions(nodeId, pollInterval, misfireThreshold, catchUpLimit, bufferLimit, value,
                reconcileInterval, batchSize, fireRetention);
    }

    public SchedulerOptions withReconcileInterval(Duration value) {
        return new SchedulerOptions(nodeId, pollInterval, misfireThreshold, catchUpLimit, bufferLimit, claimTimeout,
                value, batchSize, fireRetention);
    }

    public SchedulerOptions withBatchSize(int value) {
        return new SchedulerOptions(nodeId, pollInterval, misfireThreshold, catchUpLimit, bufferLimit, claimTimeout,
                reconcileInterval, value, fireRetention);
    }

    public SchedulerOptions withFireRetention(Duration value) {
        return new SchedulerOptions(nodeId, pollInterval, misfireThreshold, catchUpLimit, bufferLimit, claimTimeout,
                reconcileInterval, batchSize, value);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive but was " + value);
        }
    }

    private static void atLeastOne(String field, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1 but was " + value);
        }
    }
}
