package io.reactory.workflow.persistence;

import io.reactory.workflow.api.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Instances and their execution pointers, leases and signals.
 *
 * <p><b>Leases.</b> The engine works on an instance only while it holds its lease: {@link #claim} hands out due
 * instances with a new lease epoch; every {@link #commit} is fenced by owner and epoch, so a holder whose lease
 * expired and was taken over cannot overwrite its successor. A lease is kept across several commits while the
 * instance stays runnable, and given back with {@link InstanceCommit#release()}.
 *
 * <p><b>Signals.</b> Pause, resume, cancel and event deliveries for a held instance are queued as {@link Signal}s,
 * returned to the holder with its next commit, and deleted when it commits them as consumed. An instance with
 * pending signals is claimable whatever its due time.
 */
public interface InstanceStore {

    /**
     * Inserts a new instance. When it carries an idempotency key that another instance already has, nothing is
     * inserted.
     *
     * @return the id of the new instance, or of the existing one with the same idempotency key
     */
    String create(WorkflowInstance instance);

    /**
     * Inserts a new instance and, in the same transaction, outbox messages describing its creation. When the instance
     * carries an idempotency key another instance already has, neither is written.
     *
     * @return the id of the new instance, or of the existing one with the same idempotency key
     * @throws UnsupportedOperationException when {@code outbox} is not empty and this store has no outbox
     */
    default String create(WorkflowInstance instance, List<OutboxMessage> outbox) {
        if (!outbox.isEmpty()) {
            throw new UnsupportedOperationException("this store has no transactional outbox");
        }
        return create(instance);
    }

    /**
     * Inserts a new instance as {@link #create(WorkflowInstance, List)} does, already leased to {@code lease.owner()}
     * (eager start: the node that starts an instance runs it at once instead of claiming it back from the store). The
     * lease runs for {@code lease.duration()} on the store's lease clock, as a claim's would. On success
     * {@code instance} carries the lease: its {@link WorkflowInstance#leaseOwner} and {@link WorkflowInstance#leaseEpoch}
     * are those stored, and the caller holds it as if it had claimed it (with no signals). When the idempotency key
     * belongs to an existing instance nothing is written and {@code instance} is left unleased.
     *
     * <p>The default creates the instance, then claims it by id.
     *
     * @return the id of the new instance, or of the existing one with the same idempotency key
     */
    default String createLeased(WorkflowInstance instance, List<OutboxMessage> outbox, Lease lease) {
        String id = create(instance, outbox);
        if (id.equals(instance.id)) {
            claimById(id, lease.owner(), lease.duration(), lease.now()).ifPresent(claim -> {
                instance.leaseOwner = claim.instance().leaseOwner;
                instance.leaseEpoch = claim.instance().leaseEpoch;
            });
        }
        return id;
    }

    /** A copy of the stored instance. */
    Optional<WorkflowInstance> find(String instanceId);

    /** Instances matching the query, newest first. */
    List<WorkflowInstance> find(InstanceQuery query);

    /** How many instances are in each status (absent statuses have no entry). */
    Map<WorkflowStatus, Long> countByStatus();

    /**
     * Leases up to {@code limit} instances that are due ({@code nextExecution <= now}) or have pending signals and
     * are not leased, or whose lease expired.
     */
    List<Claim> claim(ClaimRequest request);

    /** Leases one instance if no one holds it; empty when it is held (or does not exist). */
    Optional<Claim> claimById(String instanceId, String owner, Duration lease, Instant now);

    /**
     * Writes instances back, each fenced by its lease; one transaction per call where the store has them. The caller
     * gives up the instance objects of releasing commits: it must not use them afterwards.
     */
    List<CommitResult> commit(List<InstanceCommit> commits);

    /**
     * Extends the leases of held instances.
     *
     * @param epochs instance id → the epoch the owner holds
     * @return the ids whose lease the owner no longer holds
     */
    Set<String> renewLeases(String owner, Map<String, Long> epochs, Duration lease, Instant now);

    /** Signals queued for an instance and not yet consumed, oldest first. */
    List<Signal> pendingSignals(String instanceId);

    /** Queues a signal for an instance; it becomes claimable if no one holds it. */
    Signal addSignal(String instanceId, Signal.Kind kind, Instant at);

    /** The earliest due time of an unleased instance, or empty when nothing is scheduled. */
    Optional<Instant> nextDue();

    /**
     * How many instances wait for an engine right now: due ({@code nextExecution <= now}) or signalled, and not
     * leased (the runnable queue's depth, for metrics). Empty when the store cannot count them cheaply.
     */
    default java.util.OptionalLong countRunnable(Instant now) {
        return java.util.OptionalLong.empty();
    }

    /** Removes instances with their signals and subscriptions; returns how many existed. */
    int delete(Set<String> instanceIds);

    /**
     * The lease a new instance is created with ({@link #createLeased}).
     *
     * @param now the engine's time (the store's lease clock decides where the lease ends, as for claims)
     */
    record Lease(String owner, Duration duration, Instant now) {}

    /** An instance with its lease and the signals waiting for it. */
    record Claim(WorkflowInstance instance, List<Signal> signals) {}

    /**
     * @param owner the claiming node
     * @param now   the engine's time, for due checks and lease expiry
     */
    record ClaimRequest(String owner, Instant now, Duration lease, int limit) {}

    /**
     * @param instance             the new state, carrying the lease owner and epoch it was claimed with
     * @param release              give the lease back after writing
     * @param consumedSignals      ids of the signals applied in this state
     * @param subscriptionsChanged a pointer started or stopped waiting for an event
     * @param errors               failures handled in this state: stored in the same transaction as the instance,
     *                             and not at all when the commit is refused (see {@link ErrorStore})
     * @param outbox               messages describing this state change (lifecycle events): stored in the same
     *                             transaction as the instance, and not at all when the commit is refused (see
     *                             {@link OutboxStore})
     */
    record InstanceCommit(WorkflowInstance instance, boolean release, List<Long> consumedSignals,
                          boolean subscriptionsChanged, List<ErrorRecord> errors, List<OutboxMessage> outbox) {

        public InstanceCommit {
            errors = errors == null ? List.of() : errors;
            outbox = outbox == null ? List.of() : outbox;
        }

        /** A commit without error records or outbox messages. */
        public InstanceCommit(WorkflowInstance instance, boolean release, List<Long> consumedSignals,
                              boolean subscriptionsChanged) {
            this(instance, release, consumedSignals, subscriptionsChanged, List.of(), List.of());
        }

        /** A commit with error records and no outbox messages. */
        public InstanceCommit(WorkflowInstance instance, boolean release, List<Long> consumedSignals,
                              boolean subscriptionsChanged, List<ErrorRecord> errors) {
            this(instance, release, consumedSignals, subscriptionsChanged, errors, List.of());
        }

        /** This commit with {@code messages} to store in its transaction. */
        public InstanceCommit withOutbox(List<OutboxMessage> messages) {
            return new InstanceCommit(instance, release, consumedSignals, subscriptionsChanged, errors, messages);
        }
    }

    /**
     * @param committed      false when the lease was lost (taken over) or the instance is gone
     * @param pendingSignals signals queued for a still-held instance since it was claimed, not yet consumed
     */
    record CommitResult(String instanceId, boolean committed, List<Signal> pendingSignals) {}
}
