package io.reactory.workflow.execution;

import io.reactory.workflow.api.WorkflowException;
import io.reactory.workflow.lifecycle.ResourceLimits;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import io.reactory.workflow.persistence.LifecycleStore.Admission;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Instant;

/**
 * The LifecycleManager's seam into the engine (not API): it sees every new instance, decides whether a PENDING
 * instance may start (dependencies, concurrency limits), and names the resource limits the engine checks after each
 * round. Installed with {@link LocalWorkflowRunner#lifecycleHooks}. Called on engine threads: {@link #gates} and
 * {@link #limits} are called for every start and every round and must be cheap (no I/O); the others may use the
 * store.
 */
public interface LifecycleHooks {

    /**
     * A new instance, before it is stored: may set {@link WorkflowInstance#gated} and store its dependencies.
     *
     * @param context what the caller passed to {@link LocalWorkflowRunner#startWorkflow(String, String, Object,
     *                io.reactory.workflow.api.StartOptions, Object)}, or null for a plain start
     */
    void beforeCreate(WorkflowInstance instance, Object context);

    /** {@link #beforeCreate} saw this instance, but it was not stored: its idempotency key matched {@code existingId}. */
    void notCreated(WorkflowInstance instance, String existingId);

    /** Must this PENDING instance pass {@link #decide} before it starts? Cheap. */
    boolean gates(WorkflowInstance instance);

    /** Decides for a held PENDING instance that is due to start. */
    StartDecision decide(WorkflowInstance instance, Instant now);

    /**
     * Stores the just-started instance (PENDING → RUNNING, no step run) if the limits allow; see
     * {@link io.reactory.workflow.persistence.LifecycleStore#admit}.
     */
    Admission admit(InstanceCommit started, Instant now);

    /** The resource limits of this workflow's instances, or null when it has none. Cheap. */
    ResourceLimits limits(String workflowId);

    /** What may happen to a PENDING instance that is due to start. */
    sealed interface StartDecision {
        /** Start it; through {@link #admit} when {@code admission} is true. */
        record Proceed(boolean admission) implements StartDecision {}

        /**
         * Not yet: stay PENDING, parked (no due time) until woken. Wait timeouts are the LifecycleManager's to watch:
         * a parked instance is one that was due, so a wake-up never starts an instance before its start time.
         */
        record Wait() implements StartDecision {}

        /**
         * It can never start as asked: go PENDING → RUNNING → FAILED (or CANCELLED) without running a step.
         *
         * @param reason the failure reason ({@code DEPENDENCY_FAILED}, {@code DEPENDENCY_TIMEOUT})
         * @param error  recorded as the instance's error; its message names what went wrong
         */
        record Refuse(String reason, WorkflowException error, boolean cancel) implements StartDecision {}
    }
}
