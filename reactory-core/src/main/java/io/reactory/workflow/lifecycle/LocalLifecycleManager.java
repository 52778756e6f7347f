package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.IllegalTransitionException;
import io.reactory.workflow.api.InstanceNotFoundException;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.config.ConfigurationListener;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.ConfigurationSet;
import io.reactory.workflow.execution.LocalWorkflowRunner;
import io.reactory.workflow.internal.Throwables;
import io.reactory.workflow.persistence.DependencyRecord;
import io.reactory.workflow.persistence.Failure;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's LifecycleManager: the operations of {@link WorkflowLifecycleManager}, the engine hooks, and the thread
 * that turns status changes into wake-ups and runs the sweep, cleanup and enforcement on time. Not API — obtain it
 * through {@link WorkflowLifecycleManager#builder}.
 *
 * <p>Without {@link #initialize()} nothing runs on its own: wake-ups are handled on the thread reporting the status
 * change (the test kit's thread), and a test runs the periodic work with {@link #runDue()}.
 */
public final class LocalLifecycleManager implements WorkflowLifecycleManager {
    private static final Logger log = LoggerFactory.getLogger(LocalLifecycleManager.class);
    private static final int HOLD_ATTEMPTS = 50;

    private final LifecycleContext ctx;
    private final Dependencies dependencies;
    private final Notices notices;
    private final Sweeps sweeps;
    private final Cleanup cleanup;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** One periodic pass at a time: the thread's, or a caller's {@link #runDue()}. */
    private final ReentrantLock passLock = new ReentrantLock();
    private volatile Thread thread;
    private volatile Instant nextSweep;
    private volatile Instant nextCleanup;
    private volatile Instant nextEnforce;

    LocalLifecycleManager(LocalWorkflowRunner runner, LifecycleOptions options, ConfigurationManager configuration) {
        this.ctx = new LifecycleContext(runner, options,
                Limits.of(options, configuration == null ? null : configuration.current()));
        this.dependencies = new Dependencies(ctx);
        this.notices = new Notices(ctx);
        this.sweeps = new Sweeps(ctx);
        this.cleanup = new Cleanup(ctx);
        ctx.targetWorkflows.addAll(ctx.lifecycle.targetWorkflows());
        Instant now = ctx.clock.instant();
        nextSweep = now.plus(options.sweepInterval());
        nextCleanup = now.plus(options.cleanupInterval());
        nextEnforce = now.plus(options.enforceInterval());
        if (configuration != null) {
            configuration.addListener(new ConfigurationListener() {
                @Override
                public void applied(ConfigurationSet current, ConfigurationSet previous) {
                    ctx.limits = Limits.of(options, current);
                    nextSweep = ctx.clock.instant(); // a raised or removed limit frees queued instances at once
                    wakeThread();
                }
            });
        }
        if (ctx.clock instanceof ManualClock manual) {
            // tests: moving the clock is when timers are due; without a thread, run them on the test's thread
            manual.addListener(() -> {
                if (thread == null) {
                    runDue();
                } else {
                    wakeThread();
                }
            });
        }
        runner.lifecycleHooks(new EngineHooks(ctx, dependencies));
        runner.addListener(new WorkflowListener() {
            @Override
            public void statusChanged(StatusChange change) {
                onStatusChange(change);
            }
        });
    }

    @Override
    public void initialize() {
        if (closed.get()) {
            throw new IllegalStateException("the LifecycleManager is closed");
        }
        passLock.lock();
        try {
            if (thread == null) {
                thread = Thread.ofPlatform().name("reactory-lifecycle-" + ctx.nodeId()).daemon(true).start(this::loop);
            }
        } finally {
            passLock.unlock();
        }
    }

    private void onStatusChange(StatusChange change) {
        if (notices.offer(change)) {
            if (thread == null) {
                notices.process(); // manual mode: on the reporting thread
            } else {
                wakeThread();
            }
        }
        String reason = change.failureReason();
        if (change.to() == WorkflowStatus.FAILED || change.to() == WorkflowStatus.CANCELLED) {
            if (Failure.DEPENDENCY_FAILED.equals(reason) || Failure.DEPENDENCY_TIMEOUT.equals(reason)) {
                ctx.report(l -> l.dependencyUnmet(change.instanceId(), change.workflowId(), reason));
            } else if (Failure.RESOURCE_LIMIT.equals(reason) && change.to() == WorkflowStatus.FAILED) {
                ctx.report(l -> l.resourceLimitExceeded(change.instanceId(), change.workflowId()));
            }
        }
    }

    private void wakeThread() {
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    private void loop() {
        while (!closed.get()) {
            try {
                notices.process();
                runDue();
            } catch (Throwable e) {
                if (Throwables.isFatal(e)) {
                    log.error("lifecycle loop failed fatally; it stops", e);
                    throw e;
                }
                // an Error from a listener or the store must not end the thread silently
                log.warn("lifecycle pass failed; the next one retries: {}", e.toString());
            }
            if (!notices.pending() && !closed.get()) {
                Duration until = Duration.between(ctx.clock.instant(), earliest());
                LockSupport.parkNanos(this, Math.max(1_000_000L, Math.min(until.toNanos(),
                        ctx.options.sweepInterval().toNanos())));
            }
        }
    }

    private Instant earliest() {
        Instant next = nextSweep.isBefore(nextCleanup) ? nextSweep : nextCleanup;
        if (ctx.limits.anyResourceLimits() && nextEnforce.isBefore(next)) {
            next = nextEnforce;
        }
        Instant timeout = ctx.lifecycle.nextWaitTimeout(ctx.clock.instant()).orElse(null);
        return timeout != null && timeout.isBefore(next) ? timeout : next;
    }

    /**
     * Handles queued wake-ups, wakes instances whose wait for dependencies timed out (the engine then fails them),
     * and runs the sweep, cleanup and enforcement that are due by the clock.
     */
    public void runDue() {
        passLock.lock();
        try {
            notices.process();
            Instant now = ctx.clock.instant();
            Set<String> timedOut = ctx.lifecycle.timedOutDependents(now, Sweeps.WAKE_BATCH);
            if (!timedOut.isEmpty()) {
                ctx.lifecycle.wake(timedOut, now);
            }
            if (!now.isBefore(nextSweep)) {
                nextSweep = now.plus(ctx.options.sweepInterval());
                sweeps.run();
            }
            if (!now.isBefore(nextCleanup)) {
                nextCleanup = now.plus(ctx.options.cleanupInterval());
                cleanup.run();
            }
            if (!now.isBefore(nextEnforce)) {
                nextEnforce = now.plus(ctx.options.enforceInterval());
                if (ctx.limits.anyResourceLimits()) {
                    sweeps.enforce();
                }
            }
        } finally {
            passLock.unlock();
        }
    }

    /** One safety-net sweep now; returns how many instances it woke. */
    public int runSweep() {
        return sweeps.run();
    }

    @Override
    public String createInstance(InstanceRequest request) {
        return ctx.runner.startWorkflow(request.workflowId(), request.version(), request.data(), request.options(), request);
    }

    @Override
    public void updateInstanceStatus(String instanceId, WorkflowStatus status) {
        WorkflowInstance current = find(instanceId);
        switch (status) {
            case PAUSED -> ctx.runner.pauseWorkflow(instanceId);
            case CANCELLED -> ctx.runner.cancelWorkflow(instanceId);
            case RUNNING -> {
                if (current.status == WorkflowStatus.PAUSED) {
                    ctx.runner.resumeWorkflow(instanceId);
                } else if (current.status == WorkflowStatus.FAILED) {
                    ctx.runner.retryWorkflow(instanceId);
                } else if (current.status == WorkflowStatus.PENDING) {
                    throw new InstanceWaitingException(instanceId, status);
                } else {
                    throw new IllegalTransitionException(instanceId, current.status, status);
                }
            }
            case CLEANING_UP -> {
                if (current.status == WorkflowStatus.CLEANING_UP || !current.status.isFinished()) {
                    throw new IllegalTransitionException(instanceId, current.status, status);
                }
                if (!cleanup.now(instanceId)) {
                    throw new LifecycleException(instanceId, "instance " + instanceId
                            + " could not be cleaned up now: another node is working on it; try again");
                }
            }
            default -> throw new IllegalTransitionException(instanceId, current.status, status); // PENDING, COMPLETED, FAILED
        }
    }

    @Override
    public void addDependency(String instanceId, WorkflowDependency dependency) {
        WorkflowInstance current = find(instanceId);
        requirePending(current);
        Instant now = ctx.clock.instant();
        DependencyRecord record = dependencies.resolve(current, List.of(dependency), ctx.options.dependencyTimeout(),
                ctx.options.onUnmetDependency(), now).get(0);
        dependencies.checkCycles(current, List.of(record));
        for (int attempt = 0; attempt < HOLD_ATTEMPTS; attempt++) {
            // Held while the row is written, so no engine is deciding about the instance without it.
            Optional<InstanceStore.Claim> claim = ctx.instances.claimById(instanceId, ctx.nodeId(),
                    ctx.runner.options().leaseDuration(), ctx.clock.instant());
            if (claim.isEmpty()) {
                LockSupport.parkNanos(20_000_000L);
                continue;
            }
            WorkflowInstance held = claim.get().instance();
            boolean stored = false;
            try {
                requirePending(held);
                ctx.lifecycle.addDependencies(List.of(record));
                ctx.targetWorkflows.add(record.targetWorkflowId());
                held.gated = true;
                if (held.nextExecution == null) {
                    held.nextExecution = now; // parked (queued): look at it again with the new dependency
                }
                stored = ctx.instances.commit(List.of(new InstanceStore.InstanceCommit(held, true, List.of(), false)))
                        .get(0).committed();
            } finally {
                if (!stored) {
                    // refused or failed between claim and commit: the lease goes back at once, not at its expiry
                    giveBack(held);
                }
            }
            if (!stored) {
                throw new LifecycleException(instanceId, "the dependency of instance " + instanceId
                        + " could not be recorded (its lease was lost); try again");
            }
            return;
        }
        throw new LifecycleException(instanceId, "instance " + instanceId + " is being worked on; try again");
    }

    private void giveBack(WorkflowInstance held) {
        try {
            ctx.instances.renewLeases(ctx.nodeId(), java.util.Map.of(held.id, held.leaseEpoch), Duration.ZERO,
                    ctx.clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not give back the lease of instance {}; it expires after {}: {}", held.id,
                    ctx.runner.options().leaseDuration(), e.toString());
        }
    }

    private static void requirePending(WorkflowInstance instance) {
        if (instance.status != WorkflowStatus.PENDING) {
            throw new LifecycleException(instance.id, "instance " + instance.id + " is " + instance.status
                    + ": dependencies can only be added while it is PENDING");
        }
    }

    private WorkflowInstance find(String instanceId) {
        return ctx.instances.find(instanceId).orElseThrow(() -> new InstanceNotFoundException(instanceId));
    }

    @Override
    public List<DependencyStatus> getDependencies(String instanceId) {
        List<DependencyStatus> out = new ArrayList<>();
        for (DependencyRecord d : ctx.lifecycle.dependencies(instanceId)) {
            DependencyEvaluator.Evaluation e = ctx.evaluator.evaluate(d);
            DependencyStatus.State state = d.satisfiedAt() != null ? DependencyStatus.State.MET : e.state();
            out.add(new DependencyStatus(d.describeTarget(), d.condition(), state,
                    e.target() == null ? null : e.target().id, e.target() == null ? null : e.target().status,
                    d.waitUntil(), d.satisfiedAt()));
        }
        return out;
    }

    @Override
    public ResourceUsage checkResourceUsage(String instanceId) {
        return Usage.of(find(instanceId), ctx.runner.registry(), ctx.limits, ctx.clock.instant());
    }

    @Override
    public int enforceResourceLimits() {
        return sweeps.enforce();
    }

    @Override
    public CleanupResult cleanupCompletedWorkflows() {
        return cleanup.run();
    }

    @Override
    public LifecycleStats getLifecycleStats() {
        return Usage.stats(ctx.lifecycle, ctx.limits);
    }

    @Override
    public void addListener(LifecycleListener listener) {
        ctx.listeners.add(java.util.Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Stops the thread. The engine keeps the hooks (instances still wait for their dependencies and limits), so
     * wake-ups are handled on the thread reporting the status change from then on.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Thread t = thread;
            if (t != null) {
                LockSupport.unpark(t);
                try {
                    t.join(Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                thread = null;
            }
        }
    }
}
