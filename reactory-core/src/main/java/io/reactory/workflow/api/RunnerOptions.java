package io.reactory.workflow.api;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a runner's engine. The defaults suit one node; every field is validated here.
 *
 * @param nodeId          this engine's name in leases and the node registry (default: host name + random suffix)
 * @param leaseDuration   how long a claimed instance stays ours without renewal; another node takes it over after
 * @param maxInFlight     instances held (executing or about to) at once
 * @param claimBatchSize  instances claimed per store call
 * @param pollInterval    the safety-net poll when no wake-up arrives
 * @param shutdownTimeout how long {@code close()} lets running steps finish before releasing them unfinished
 * @param maxRoundsPerLease consecutive rounds an instance keeps its lease before it is given back, so a long loop
 *                          cannot starve newer instances
 * @param lifecycleOutbox   write a message for every status change into the store's transactional outbox
 *                          ({@link io.reactory.workflow.persistence.OutboxStore}), in the same transaction as the
 *                          change, for a relay to send (the server's AMQP adapter). Off by default: without a relay
 *                          the messages would pile up
 * @param stepLogContext    put the instance, workflow, step and attempt into the SLF4J MDC while a step runs (see
 *                          {@link MdcKeys}). On by default; with Logback it costs about a microsecond per step (a
 *                          step runs on a fresh virtual thread, whose thread-locals the MDC sets up): worth switching
 *                          off only for very short steps at very high rates
 * @param eagerStart        a start that is due at once is created already leased to this node and runs without a
 *                          claim, when the engine holds fewer than {@code maxInFlight} instances (Temporal's "eager
 *                          workflow start"): one write less per start and no wait for the engine's next claim. On by
 *                          default; off, every instance is claimed from the store, in due-time order
 */
public record RunnerOptions(String nodeId, Duration leaseDuration, int maxInFlight, int claimBatchSize,
                            Duration pollInterval, Duration shutdownTimeout, int maxRoundsPerLease,
                            boolean lifecycleOutbox, boolean stepLogContext, boolean eagerStart) {

    public RunnerOptions {
        Objects.requireNonNull(nodeId, "nodeId");
        positive("leaseDuration", leaseDuration);
        positive("pollInterval", pollInterval);
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1 but was " + maxInFlight);
        }
        if (claimBatchSize < 1) {
            throw new IllegalArgumentException("claimBatchSize must be at least 1 but was " + claimBatchSize);
        }
        if (maxRoundsPerLease < 1) {
            throw new IllegalArgumentException("maxRoundsPerLease must be at least 1 but was " + maxRoundsPerLease);
        }
    }

    public static RunnerOptions defaults() {
        return new RunnerOptions(defaultNodeId(), Duration.ofSeconds(30), 2048, 256, Duration.ofSeconds(1),
                Duration.ofSeconds(10), 64, false, true, true);
    }

    public RunnerOptions withNodeId(String value) {
        return new RunnerOptions(value, leaseDuration, maxInFlight, claimBatchSize, pollInterval, shutdownTimeout,
                maxRoundsPerLease, lifecycleOutbox, stepLogContext, eagerStart);
    }

    public RunnerOptions withLeaseDuration(Duration value) {
        return new RunnerOptions(nodeId, value, maxInFlight, claimBatchSize, pollInterval, shutdownTimeout,
                maxRoundsPerLease, lifecycleOutbox, stepLogContext, eagerStart);
    }

    public RunnerOptions withMaxInFlight(int value) {
        return new RunnerOptions(nodeId, leaseDuration, value, claimBatchSize, pollInterval, shutdownTimeout,
                maxRoundsPerLease, lifecycleOutbox, stepLogContext, eagerStart);
    }

    public RunnerOptions withClaimBatchSize(int value) {
        return new RunnerOptions(nodeId, leaseDuration, maxInFlight, value, pollInterval, shutdownTimeout,
                maxRoundsPerLease, lifecycleOutbox, stepLogContext, eagerStart);
    }

    public RunnerOptions withPollInterval(Duration value) {
        return new RunnerOptions(nodeId, leaseDuration, maxInFlight, claimBatchSize, value, shutdownTimeout,
                maxRoundsPerLease, lifecycleOutbox, stepLogContext, eagerStart);
    }

    public RunnerOptions withShutdownTimeout(Duration value) {
        return new RunnerOptions(nodeId, leaseDuration, maxInFlight, claimBatchSize, pollInterval, value,
                maxRoundsPerLease, lifecycleOutbox, stepLogContext, eagerStart);
    }

    public RunnerOptions withMaxRoundsPerLease(int value) {
        return new RunnerOptions(nodeId, leaseDuration, maxInFlight, claimBatchSize, pollInterval, shutdownTimeout,
                value, lifecycleOutbox, stepLogContext, eagerStart);
    }

    public RunnerOptions withLifecycleOutbox(boolean value) {
        return new RunnerOptions(nodeId, leaseDuration, maxInFlight, claimBatchSize, pollInterval, shutdownTimeout,
                maxRoundsPerLease, value, stepLogContext, eagerStart);
    }

    public RunnerOptions withEagerStart(boolean value) {
        return new RunnerOptions(nodeId, leaseDuration, maxInFlight, claimBatchSize, pollInterval, shutdownTimeout,
                maxRoundsPerLease, lifecycleOutbox, stepLogContext, value);
    }

    public RunnerOptions withStepLogContext(boolean value) {
        return new RunnerOptions(nodeId, leaseDuration, maxInFlight, claimBatchSize, pollInterval, shutdownTimeout,
                maxRoundsPerLease, lifecycleOutbox, value, eagerStart);
    }

    private static void positive(String field, Duration value) {
        Objects.requireNonNull(value, field);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive but was " + value);
        }
    }

    private static String defaultNodeId() {
        String host;
        try {
            host = java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "node";
        }
        return host + "-" + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() & 0xFFFFFFL);
    }
}
