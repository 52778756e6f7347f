package io.reactory.workflow.execution;

import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.definition.WorkflowRegistry;
import io.reactory.workflow.internal.Throwables;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.InstanceStore.Claim;
import io.reactory.workflow.persistence.InstanceStore.CommitResult;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine loop: claims due instances in batches, hands each to a worker for one round, and commits the finished
 * rounds in batches (group commit). An instance that is still runnable after its round keeps its lease and goes
 * straight into its next round, so a sequence of steps costs one claim, not one per step. Rounds run concurrently;
 * claims and commits happen on the loop thread only, so the held-instance table needs no lock. An instance never has
 * two rounds at once: one the store hands out again while its round still runs (its lease expired) waits for it.
 *
 * <p>Driven by its own platform thread ({@link #start()}), or by the caller in tests ({@link #runUntilIdle()}).
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    private static final int MAX_COMMIT_BATCH = 1024;

    private final InstanceStore instances;
    private final WorkflowRegistry registry;
    private final RoundExecutor rounds;
    private final Executor workers;
    private final Clock clock;
    private final RunnerOptions options;
    private final RoundListener listener;

    private final ConcurrentLinkedQueue<Finished> finished = new ConcurrentLinkedQueue<>();
    /** Instances created leased to this node (eager start), for the loop to hold and run. */
    private final ConcurrentLinkedQueue<WorkflowInstance> adopted = new ConcurrentLinkedQueue<>();
    /** Places reserved for eager starts and not yet taken by the loop: they count as held. */
    private final AtomicInteger reserved = new AtomicInteger();
    /** Written by the loop thread only. */
    private final Map<String, Held> held = new HashMap<>();
    /** {@code held.size()} for other threads (metrics): the map itself is the loop's alone. */
    private volatile int heldCount;
    /** Rounds submitted whose results are not processed yet: running, or queued in {@link #finished}. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean wakeRequested = true;
    private volatile boolean stopping;
    private volatile boolean stopped;
    private volatile Thread thread;
    private boolean moreToClaim;
    private long nextPollNanos;
    private Instant lastRenewal;
    private long commitRetryNanos;

    /** Receives each committed round, on the loop thread. */
    interface RoundListener {
        void committed(Round round);
    }

    /** An instance this node holds the lease of. */
    private static final class Held {
        final String id;
        /** The lease epoch it was claimed with, kept apart: the worker mutates {@link #instance} while it runs. */
        final long epoch;
        final WorkflowInstance instance;
        List<Signal> signals;
        int rounds;
        /**
         * A newer lease of the same instance, claimed while this one's round still ran (its lease had expired). That
         * round cannot commit any more (its epoch is stale); the newer one's round starts when it has ended.
         */
        Claim successor;

        Held(Claim claim) {
            this.instance = claim.instance();
            this.id = instance.id;
            this.epoch = instance.leaseEpoch;
            this.signals = claim.signals();
        }

        long currentEpoch() {
            return successor == null ? epoch : successor.instance().leaseEpoch;
        }
    }

    private record Finished(Held held, Round round, Throwable error) {}

    Dispatcher(InstanceStore instances, WorkflowRegistry registry, RoundExecutor rounds, Executor workers, Clock clock,
               RunnerOptions options, RoundListener listener) {
        this.instances = instances;
        this.registry = registry;
        this.rounds = rounds;
        this.workers = workers;
        this.clock = clock;
        this.options = options;
        this.listener = listener;
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        lastRenewal = clock.instant();
        thread = Thread.ofPlatform().name("reactory-dispatcher-" + options.nodeId()).daemon(true).start(this::loop);
    }

    /** Work may be available: claim without waiting for the poll interval. Cheap; callable from any thread. */
    void wake() {
        wakeRequested = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    /** How many instances this node holds; any thread. */
    int inFlight() {
        return heldCount;
    }

    /** The loop thread is running (false before {@link #start()} and after it ended). */
    boolean alive() {
        Thread t = thread;
        return t != null && t.isAlive() && !stopped;
    }

    private void loop() {
        while (!stopped) {
            try {
                boolean worked = tick();
                if (stopping && inFlight.get() == 0 && finished.isEmpty()) {
                    break;
                }
                if (!worked) {
                    park();
                }
            } catch (Throwable e) {
                if (Throwables.isFatal(e)) {
                    log.error("engine loop failed fatally; it stops, its leases expire to other nodes", e);
                    throw e;
                }
                // Anything else (a listener's Error, a store bug) must not end the thread silently: the loop goes on.
                log.error("engine loop failed; retrying in one second", e);
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
    }

    /** Runs everything that is due until nothing is left, on the calling thread (tests, with direct executors). */
    void runUntilIdle() {
        if (lastRenewal == null) {
            lastRenewal = clock.instant();
        }
        for (int guard = 0; guard < 1_000_000; guard++) {
            wakeRequested = true;
            boolean worked = tick();
            if (!worked && inFlight.get() == 0 && finished.isEmpty()) {
                return;
            }
        }
        throw new IllegalStateException("the engine did not become idle after a million iterations");
    }

    /** One pass of the loop on the calling thread (tests that run rounds on an executor they control). */
    boolean tickOnce() {
        if (lastRenewal == null) {
            lastRenewal = clock.instant();
        }
        wakeRequested = true;
        return tick();
    }

    private boolean tick() {
        boolean worked = commitFinished();
        renewLeases();
        worked |= takeAdopted();
        if (!stopping) {
            worked |= claim();
        }
        return worked;
    }

    /**
     * Reserves a place for an eager start: true while the loop runs and holds (with the places reserved) fewer
     * instances than it may. The caller then creates the instance leased to this node and hands it over with
     * {@link #adopt}, or gives the place back with {@link #unreserve} when it did not.
     */
    boolean reserveEagerStart() {
        if (!options.eagerStart() || stopping || !alive()) {
            return false;
        }
        while (true) {
            int r = reserved.get();
            if (heldCount + r >= options.maxInFlight()) {
                return false;
            }
            if (reserved.compareAndSet(r, r + 1)) {
                return true;
            }
        }
    }

    void unreserve() {
        reserved.decrementAndGet();
    }

    /**
     * An instance just created leased to this node, in a place reserved with {@link #reserveEagerStart}: the loop
     * holds it and runs its first round as if it had claimed it. The caller gives the object up.
     */
    void adopt(WorkflowInstance instance) {
        adopted.add(instance);
        if (stopping && !alive()) {
            takeAdopted(); // the loop is gone: give it back now (only the stopping branch runs, off the loop thread)
            return;
        }
        wakeLoop();
    }

    /** Holds the adopted instances and starts their rounds; after close they are given back instead. */
    private boolean takeAdopted() {
        boolean any = false;
        for (WorkflowInstance instance; (instance = adopted.poll()) != null; ) {
            any = true;
            if (stopping) {
                giveBack(Map.of(instance.id, instance.leaseEpoch));
                reserved.decrementAndGet();
                continue;
            }
            Held h = new Held(new Claim(instance, List.of()));
            held.put(h.id, h);
            heldChanged();
            reserved.decrementAndGet();
            startRound(h);
        }
        return any;
    }

    private boolean claim() {
        int room = options.maxInFlight() - held.size();
        if (room <= 0) {
            return false;
        }
        long nowNanos = System.nanoTime();
        if (!wakeRequested && !moreToClaim && nowNanos - nextPollNanos < 0) {
            return false;
        }
        wakeRequested = false;
        nextPollNanos = nowNanos + options.pollInterval().toNanos();
        int limit = Math.min(room, options.claimBatchSize());
        List<Claim> claims = instances.claim(new InstanceStore.ClaimRequest(options.nodeId(), clock.instant(),
                options.leaseDuration(), limit));
        moreToClaim = claims.size() == limit;
        for (Claim claim : claims) {
            Held running = held.get(claim.instance().id);
            if (running != null) {
                // Our lease expired while the round ran and the store handed the instance to us again. A second
                // round now would run its steps twice at once; it waits for the running one, whose commit is fenced.
                log.warn("the lease of instance {} expired while its round ran; the next round waits for it",
                        claim.instance().id);
                running.successor = claim;
                continue;
            }
            Held h = new Held(claim);
            held.put(h.id, h);
            heldChanged();
            startRound(h);
        }
        return !claims.isEmpty();
    }

    private void heldChanged() {
        heldCount = held.size();
    }

    private void drop(Held h) {
        if (held.remove(h.id, h)) {
            heldChanged();
        }
    }

    /** Submits a round; one the executor refuses gives its lease back (its last state is committed). */
    private void startRound(Held h) {
        try {
            submit(h);
        } catch (Throwable e) {
            if (Throwables.isFatal(e)) {
                throw e;
            }
            log.error("could not start a round of instance {}; giving its lease back", h.id, e);
            drop(h);
            giveBack(Map.of(h.id, h.currentEpoch()));
        }
    }

    private void giveBack(Map<String, Long> epochs) {
        try {
            instances.renewLeases(options.nodeId(), epochs, Duration.ZERO, clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not give back {} leases; they expire after {}: {}", epochs.size(), options.leaseDuration(),
                    e.toString());
        }
    }

    private void submit(Held h) {
        inFlight.incrementAndGet();
        try {
            workers.execute(() -> runRound(h));
        } catch (Throwable e) {
            inFlight.decrementAndGet();
            throw e;
        }
    }

    /** On a worker: one round of a held instance, its result queued for the loop to commit. */
    private void runRound(Held h) {
        Finished done;
        try {
            WorkflowDefinition definition = registry.get(h.instance.workflowId, h.instance.version);
            Round round = rounds.run(h.instance, definition, h.signals);
            if (options.lifecycleOutbox()) {
                round.prepareOutbox();
            }
            done = new Finished(h, round, null);
        } catch (Throwable e) {
            done = new Finished(h, null, e);
        }
        finished.add(done);
        wakeLoop();
    }

    private void wakeLoop() {
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            LockSupport.unpark(t);
        }
    }

    private boolean commitFinished() {
        if (finished.isEmpty() || System.nanoTime() - commitRetryNanos < 0) {
            return false;
        }
        List<Finished> batch = new ArrayList<>(Math.min(finished.size(), MAX_COMMIT_BATCH));
        for (Finished f; batch.size() < MAX_COMMIT_BATCH && (f = finished.poll()) != null; ) {
            batch.add(f);
        }
        List<InstanceCommit> commits = new ArrayList<>(batch.size());
        List<CommitResult> results;
        try {
            for (Finished f : batch) {
                commits.add(toCommit(f));
            }
            results = instances.commit(commits);
        } catch (RuntimeException e) {
            log.warn("commit of {} instances failed; retrying in one second: {}", batch.size(), e.toString());
            finished.addAll(batch);
            commitRetryNanos = System.nanoTime() + Duration.ofSeconds(1).toNanos();
            return false;
        }
        for (int i = 0; i < batch.size(); i++) {
            Finished f = batch.get(i);
            inFlight.decrementAndGet();
            // One item's failure (a listener's Error) must not lose the rest of the batch: their instances would stay
            // held, renewed forever and never run again.
            try {
                afterCommit(f, commits.get(i), results.get(i));
            } catch (Throwable e) {
                if (Throwables.isFatal(e)) {
                    throw e;
                }
                log.error("after the commit of instance {}: {}", f.held().id, e.toString(), e);
            }
        }
        return true;
    }

    private void afterCommit(Finished f, InstanceCommit commit, CommitResult result) {
        Held h = f.held();
        if (result.committed() && f.round() != null) {
            try {
                listener.committed(f.round());
            } catch (Throwable e) {
                if (Throwables.isFatal(e)) {
                    throw e;
                }
                log.error("a listener failed on the committed round of instance {}", h.id, e);
            }
        }
        if (h.successor != null) {
            // This round ran on a lease that had expired; this node holds the newer one, so its round starts now.
            Held next = new Held(h.successor);
            held.replace(h.id, h, next);
            startRound(next);
            return;
        }
        if (!result.committed()) {
            WorkflowInstance lost = h.instance;
            try (LogContext ignored = LogContext.instance(h.id, lost.workflowId, lost.version)) {
                log.info("lost the lease of instance {}; another node has taken it over", h.id);
            }
            drop(h);
            return;
        }
        if (commit.release()) {
            drop(h);
        } else {
            h.signals = result.pendingSignals();
            h.rounds++;
            startRound(h);
        }
    }

    private InstanceCommit toCommit(Finished f) {
        WorkflowInstance instance = f.held().instance;
        if (f.error() != null) {
            // A round that threw (no definition for the version, a bug) must not spin: back off and log.
            try (LogContext ignored = LogContext.instance(instance.id, instance.workflowId, instance.version)) {
                log.error("instance {} of workflow {} v{} could not run; retrying in one minute", instance.id,
                        instance.workflowId, instance.version, f.error());
            }
            WorkflowInstance before = stateBeforeRound(f.held());
            before.nextExecution = clock.instant().plus(Duration.ofMinutes(1));
            return new InstanceCommit(before, true, List.of(), false);
        }
        Round round = f.round();
        boolean keep = !stopping
                && f.held().successor == null
                && instance.status == WorkflowStatus.RUNNING
                && instance.nextExecution != null
                && !instance.nextExecution.isAfter(round.now)
                && f.held().rounds + 1 < options.maxRoundsPerLease();
        return new InstanceCommit(instance, !keep, round.consumedSignals, round.subscriptionsChanged, round.errors())
                .withOutbox(round.outbox);
    }

    /**
     * The instance as it was when its failed round began: the round may have thrown half-way through changing it
     * (pointers advanced, data changed). What is stored is exactly that (every earlier round of the lease was committed
     * before the next began, and a start the LifecycleManager admitted mid-round is stored too), fenced by this node's
     * lease, not by whoever holds the instance now. A re-read on this rare path, not a copy per round: the copy would
     * cost every round. (The in-memory store shares workflow data objects with their holder, so there changes made to
     * the data before the throw remain; status, pointers and the rest are restored.)
     */
    private WorkflowInstance stateBeforeRound(Held h) {
        Optional<WorkflowInstance> stored = instances.find(h.id);
        if (stored.isEmpty()) {
            return h.instance; // deleted meanwhile: the commit is refused whatever it carries
        }
        WorkflowInstance before = stored.get();
        before.leaseOwner = options.nodeId();
        before.leaseEpoch = h.epoch;
        return before;
    }

    private void renewLeases() {
        Instant now = clock.instant();
        Duration interval = options.leaseDuration().dividedBy(3);
        if (held.isEmpty() || Duration.between(lastRenewal, now).compareTo(interval) < 0) {
            if (held.isEmpty()) {
                lastRenewal = now;
            }
            return;
        }
        Map<String, Long> epochs = heldEpochs();
        try {
            Set<String> lost = instances.renewLeases(options.nodeId(), epochs, options.leaseDuration(), now);
            if (!lost.isEmpty()) {
                log.warn("lost the leases of {} instances; their current rounds will not be committed", lost.size());
            }
            lastRenewal = now;
        } catch (RuntimeException e) {
            log.warn("lease renewal failed: {}", e.toString());
        }
    }

    private Map<String, Long> heldEpochs() {
        Map<String, Long> epochs = new HashMap<>(held.size() * 2);
        held.forEach((id, h) -> epochs.put(id, h.currentEpoch()));
        return epochs;
    }

    private void park() {
        if (wakeRequested || !finished.isEmpty() || !adopted.isEmpty()) {
            return;
        }
        long nanos = options.pollInterval().toNanos();
        if (held.size() < options.maxInFlight()) {
            try {
                Optional<Instant> due = instances.nextDue();
                if (due.isPresent()) {
                    long untilDue = Duration.between(clock.instant(), due.get().isBefore(Instant.EPOCH) ? Instant.EPOCH : due.get())
                            .toNanos();
                    if (untilDue <= 0) {
                        wakeRequested = true;
                        return;
                    }
                    nanos = Math.min(nanos, untilDue);
                }
            } catch (RuntimeException e) {
                log.debug("could not read the next due time: {}", e.toString());
            }
        }
        LockSupport.parkNanos(this, nanos);
    }

    /**
     * Stops claiming, waits for running rounds up to the shutdown timeout, commits them (giving their leases back)
     * and gives back the leases of rounds that did not finish, so another node can take them over at once.
     */
    void close() {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                t.join(options.shutdownTimeout().plusSeconds(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopped = true;
            LockSupport.unpark(t);
            try {
                t.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } else {
            commitFinished();
        }
        // adopted after the loop ended: given back, so another engine can claim them at once
        takeAdopted();
        if (!held.isEmpty()) {
            giveBack(heldEpochs());
            held.clear();
            heldChanged();
        }
    }
}
