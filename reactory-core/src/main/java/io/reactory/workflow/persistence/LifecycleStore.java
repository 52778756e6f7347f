package io.reactory.workflow.persistence;

import io.reactory.workflow.api.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The LifecycleManager's aggregate: dependencies between instances, the admission queue of concurrency-limited
 * workflows, wake-ups, and the figures and look-ups behind statistics and cleanup. Thread-safe.
 *
 * <p><b>Dependencies</b> are rows beside the instances, keyed by dependent and target. They are written before the
 * dependent exists (a crash in between leaves rows without an instance, which {@link #deleteOrphans} removes) or
 * while the writer holds the dependent's lease, so an engine deciding whether a PENDING instance may start always
 * sees all of its dependencies.
 *
 * <p><b>Admission.</b> {@link #admit} moves a started instance to RUNNING only when its workflow's limit and the global
 * limit allow one more RUNNING instance, counting the RUNNING instances themselves (no counter that can drift) plus
 * the instances queued ahead of it, in one transaction serialised per workflow (and globally when a global limit is
 * given) with {@link #wakeQueued}. An instance that does not fit is queued, ordered by its rank
 * ({@link AdmissionRequest#rank()}), and stays PENDING; {@link #wakeQueued} signals the best-ranked ones when slots
 * free up.
 */
public interface LifecycleStore {

    /**
     * Stores dependencies and marks each dependent that exists already as {@link WorkflowInstance#gated} (so instance
     * commits never need to write that flag). A dependency whose dependent already has one on the same target
     * ({@link DependencyRecord#targetKey()}) is ignored.
     */
    void addDependencies(List<DependencyRecord> dependencies);

    /** The dependencies of an instance, in the order they were added; empty when it has none. */
    List<DependencyRecord> dependencies(String dependentId);

    /**
     * The PENDING instances with an unsatisfied dependency that {@code target} may decide: on it by id, or on its
     * workflow with its reference (or any reference).
     */
    Set<String> dependents(String targetInstanceId, String targetWorkflowId, String targetReference);

    /** The workflows that unsatisfied dependencies wait for (instance dependencies count their target's workflow). */
    Set<String> targetWorkflows();

    /**
     * PENDING instances with unsatisfied dependencies, ordered by id, after {@code afterId} (null: from the start):
     * the safety-net sweep pages through them.
     */
    List<String> waitingDependents(String afterId, int limit);

    /**
     * Parked PENDING instances (no due time: their engine decided they wait) with an unsatisfied dependency whose
     * wait timed out at or before {@code now}, at most {@code limit}.
     */
    Set<String> timedOutDependents(Instant now, int limit);

    /** The earliest wait timeout after {@code after} among parked PENDING instances' unsatisfied dependencies. */
    java.util.Optional<Instant> nextWaitTimeout(Instant after);

    /** Records that every dependency of the instance held at {@code at}: they are not evaluated again. */
    void satisfy(String dependentId, Instant at);

    /** Removes the dependencies of these instances (as dependents) and their admission queue entries. */
    int deleteDependencies(Set<String> dependentIds);

    /**
     * Removes dependencies added before {@code addedBefore} whose dependent does not exist (a start that crashed
     * between writing them and creating the instance, or whose idempotency key matched an existing instance), and
     * queue entries of instances that are no longer PENDING.
     *
     * @return how many rows were removed
     */
    int deleteOrphans(Instant addedBefore);

    /**
     * Commits a held instance that has just been started (RUNNING, its first step not run yet), keeping its lease,
     * if the limits allow one more RUNNING instance; otherwise queues it. In one transaction serialised per workflow
     * (and, with a global limit, across workflows):
     * <ol>
     *   <li>with a workflow limit: RUNNING instances of the workflow plus instances queued for the workflow's limit
     *   and ranked before this one must be below the limit, else it is queued for the workflow;</li>
     *   <li>with a global limit: RUNNING instances of all workflows plus instances queued for the global limit and
     *   ranked before this one must be below it, else it is queued for the global limit;</li>
     *   <li>the instance is committed as {@link InstanceStore#commit} would (fenced by its lease, not released) and
     *   leaves the queue.</li>
     * </ol>
     * The stored instance stays as it was (PENDING) when it is queued or the lease was lost.
     */
    Admission admit(InstanceStore.InstanceCommit started, AdmissionRequest request);

    /**
     * Signals ({@link Signal.Kind#WAKE}, as {@link #wake} does) the best-ranked PENDING instances queued for a limit,
     * as many as it has free slots, serialised with {@link #admit}.
     *
     * @param workflowId the workflow whose queue to wake, or null for the global queue
     * @param limit      the limit in force (free slots = limit − RUNNING), or 0 when there is none any more (every
     *                   queued instance may try)
     * @param max        at most this many
     * @return the ids signalled (instances that already had a wake-up pending included)
     */
    List<String> wakeQueued(String workflowId, int limit, int max, Instant now);

    /** Workflows with instances queued for their own limit. */
    Set<String> queuedWorkflows();

    /** PENDING instances queued, per workflow (for either limit). */
    Map<String, Long> queuedByWorkflow();

    /** RUNNING instances per workflow. */
    Map<String, Long> runningByWorkflow();

    /**
     * Queues a wake-up ({@link Signal.Kind#WAKE}) for each of these instances that exists and is not finished; it
     * becomes claimable whatever its due time. An instance that no one holds and that has a wake-up queued already
     * gets no second one; a held instance always gets one, since its holder may have taken the queued one with its
     * claim and be deciding on what it saw then.
     *
     * @return how many were signalled
     */
    int wake(Set<String> instanceIds, Instant at);

    /**
     * Instances in {@code status} that finished before {@code cutoff}, oldest first (for CLEANING_UP, whatever
     * their age): cleanup's candidates.
     */
    List<String> finishedBefore(WorkflowStatus status, Instant cutoff, int limit);

    /** Counts and run times per workflow and status, for the lifecycle statistics. */
    List<StatusFigures> statistics();

    /** PENDING instances with unsatisfied dependencies, per workflow. */
    Map<String, Long> waitingByWorkflow();

    /**
     * What a start needs from the limits.
     *
     * @param workflowLimit RUNNING instances allowed for the workflow, or 0 for no limit
     * @param globalLimit   RUNNING instances allowed in all, or 0 for no limit
     * @param rank          the queue position: earlier ranks start first (the LifecycleManager ages priorities
     *                      into it: created time + priority rank × aging step)
     */
    record AdmissionRequest(int workflowLimit, int globalLimit, Instant rank) {
        public AdmissionRequest {
            if (workflowLimit < 0 || globalLimit < 0) {
                throw new IllegalArgumentException("limits must not be negative");
            }
            Objects.requireNonNull(rank, "rank");
        }
    }

    /** What {@link #admit} did. */
    enum Admission {
        /** Committed as RUNNING; the lease is kept. */
        ADMITTED,
        /** Queued for its workflow's limit. */
        QUEUED_FOR_WORKFLOW,
        /** Queued for the global limit. */
        QUEUED_FOR_GLOBAL,
        /** The lease was lost (or the instance is gone): nothing was written. */
        LEASE_LOST
    }

    /**
     * Figures for one workflow and status.
     *
     * @param runTimeTotal total start → finish time of the finished instances counted in {@code timed}
     * @param runTimeMax   the longest of them
     * @param timed        how many had both a start and a finish time
     */
    record StatusFigures(String workflowId, WorkflowStatus status, long count, Duration runTimeTotal,
                         Duration runTimeMax, long timed) {}
}
