package io.reactory.workflow.api;

import java.time.Clock;
import java.time.Instant;

/**
 * What a running step can see: the workflow data, where it is, and the engine's clock. Not thread-safe; valid only
 * during the call to {@link StepBody#run}.
 *
 * @param <D> the workflow's data type
 */
public interface StepContext<D> {
    /** The workflow's data. Mutations are persisted with the step's result. Never null. */
    D data();

    String instanceId();

    String workflowId();

    String workflowVersion();

    /** The step's name (its class simple name unless named in the builder). */
    String stepName();

    /** 1 for the first attempt of this activation, 2 for the first retry, and so on. */
    int attempt();

    /**
     * A key that stays the same for every attempt and every re-execution after a crash of this step activation, and
     * differs between activations (each loop iteration is a new activation). Pass it to external services to make
     * side effects idempotent.
     */
    String idempotencyKey();

    /** The business reference the instance was started with, or null. */
    String reference();

    /** Inside {@code forEach}: the current item; otherwise null. */
    Object item();

    /** Inside {@code forEach}: the current item converted to {@code type}. */
    <T> T item(Class<T> type);

    /** Inside {@code forEach}: the index of the current item (0-based); otherwise -1. */
    int itemIndex();

    /** The event that woke this step after it returned {@link ExecutionResult#waitForEvent}, or null. */
    EventData event();

    /** The engine's clock; use it instead of {@link Instant#now()} so tests can move time. */
    Clock clock();

    default Instant now() {
        return clock().instant();
    }
}
