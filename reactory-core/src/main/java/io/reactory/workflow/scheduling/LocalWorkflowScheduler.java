package io.reactory.workflow.scheduling;

import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.internal.Throwables;
import io.reactory.workflow.persistence.ScheduleStore;
import io.reactory.workflow.testing.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's scheduler: the operations of {@link WorkflowScheduler} and the timer thread that fires schedules.
 * Not API — obtain it through {@link WorkflowScheduler#builder}.
 *
 * <p>The timer thread sleeps until the nearest due time in the store (a fire time, or a run to start, retry or
 * check), capped by the poll interval so schedules added by other nodes are seen; a change made through this
 * scheduler wakes it at once. Without {@link #initialize()} nothing runs on its own and a test drives it with
 * {@link #runDue()}.
 */
public final class LocalWorkflowScheduler implements WorkflowScheduler {
    private static final Logger log = LoggerFactory.getLogger(LocalWorkflowScheduler.class);
    /** When nothing could be done although something is due (all of it backed off), do not spin. */
    private static final Duration MIN_PARK = Duration.ofMillis(10);
    private static final int MAX_PASSES = 100_000;

    private final SchedulerContext ctx;
    private final ScheduleOperations operations;
    private final FiringLoop loop;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** One pass at a time: the timer thread, or a test's {@link #runDue()}. */
    private final ReentrantLock passLock = new ReentrantLock();
    private volatile boolean wakeRequested;
    private volatile boolean lastPassFailed;
    private volatile Thread thread;

    LocalWorkflowScheduler(ScheduleStore store, WorkflowRunner runner, Clock clock, SchedulerOptions options) {
        this.ctx = new SchedulerContext(store, runner, clock, options);
        this.operations = new ScheduleOperations(ctx);
        RunStarter[] starter = new RunStarter[1];
        RunOutcomes outcomes = new RunOutcomes(ctx, (fire, schedule) -> starter[0].start(fire, schedule));
        starter[0] = new RunStarter(ctx, outcomes);
        this.loop = new FiringLoop(ctx, starter[0], outcomes);
        loop.refreshScheduledWorkflows();
        runner.addListener(new WorkflowListener() {
            @Override
            public void statusChanged(StatusChange change) {
                if (change.to().isFinished() && !closed.get()
                        && loop.instanceFinished(change.instanceId(), change.workflowId())) {
                    wake();
                }
            }
        });
        if (clock instanceof ManualClock manual) {
            manual.addListener(this::wake);
        }
    }

    @Override
    public void initialize() {
        if (closed.get()) {
            throw new IllegalStateException("the scheduler is closed");
        }
        passLock.lock();
        try {
            if (thread == null) {
                thread = Thread.ofPlatform().name("reactory-scheduler-" + ctx.options.nodeId()).daemon(true)
                        .start(this::run);
                log.info("scheduler {} started", ctx.options.nodeId());
            }
        } finally {
            passLock.unlock();
        }
    }

    /**
     * Whether the scheduler works (health checks): not closed, and its timer thread alive once initialized (a
     * scheduler driven by hand with {@link #runDue()} counts as running).
     */
    public boolean isRunning() {
        Thread t = thread;
        return !closed.get() && (t == null || t.isAlive());
    }

    /** Whether the timer thread's latest pass failed (the store did not answer, for instance); it retries each second. */
    public boolean lastPassFailed() {
        return lastPassFailed;
    }

    /**
     * Does everything that is due at the clock's current time, on the calling thread, until nothing is (manual mode,
     * for tests: fire schedules, start queued runs and retries, record runs that ended).
     *
     * @return how many passes changed something
     */
    public int runDue() {
        int worked = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            if (!pass()) {
                return worked;
            }
            worked++;
        }
        throw new IllegalStateException("the scheduler did not become idle after " + MAX_PASSES + " passes");
    }

    private boolean pass() {
        passLock.lock();
        try {
            return loop.runOnce();
        } finally {
            passLock.unlock();
        }
    }

    private void run() {
        while (!closed.get()) {
            try {
                wakeRequested = false;
                boolean worked = pass();
                lastPassFailed = false;
                if (!worked) {
                    park();
                }
            } catch (Throwable e) {
                lastPassFailed = true;
                if (Throwables.isFatal(e)) {
                    log.error("scheduler pass failed fatally; the timer thread stops", e);
                    throw e;
                }
                // An Error from a listener or the store must not end the timer thread silently: no schedule would fire.
                log.error("scheduler pass failed; retrying in one second", e);
                LockSupport.parkNanos(Duration.ofSeconds(1).toNanos());
            }
        }
    }

    private void park() {
        if (wakeRequested) {
            return;
        }
        Instant now = ctx.clock.instant();
        Instant until = now.plus(ctx.options.pollInterval());
        try {
            until = earlier(until, ctx.store.nextFireTime());
            until = earlier(until, ctx.store.nextFireCheck());
        } catch (RuntimeException e) {
            log.debug("could not read the next due time: {}", e.toString());
        }
        long nanos = Math.max(Duration.between(now, until).toNanos(), MIN_PARK.toNanos());
        LockSupport.parkNanos(this, nanos);
    }

    private static Instant earlier(Instant a, Optional<Instant> b) {
        return b.isPresent() && b.get().isBefore(a) ? b.get() : a;
    }

    private void wake() {
        wakeRequested = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    @Override
    public void addSchedule(ScheduleConfig config) {
        operations.add(config);
        wake();
    }

    @Override
    public void removeSchedule(String scheduleId) {
        operations.remove(scheduleId);
        wake();
    }

    @Override
    public void updateSchedule(String scheduleId, ScheduleConfig config) {
        operations.update(scheduleId, config);
        wake();
    }

    @Override
    public void pauseSchedule(String scheduleId) {
        operations.pause(scheduleId);
        wake();
    }

    @Override
    public void resumeSchedule(String scheduleId) {
        operations.resume(scheduleId);
        wake();
    }

    @Override
    public ScheduledWorkflow getScheduleStatus(String scheduleId) {
        return operations.status(scheduleId);
    }

    @Override
    public List<ScheduledWorkflow> listSchedules() {
        return operations.list();
    }

    @Override
    public Optional<ScheduleConfig> getSchedule(String scheduleId) {
        return operations.config(scheduleId);
    }

    @Override
    public SchedulerStats getSchedulerStats() {
        return operations.stats();
    }

    @Override
    public void addListener(SchedulerListener listener) {
        ctx.addListener(listener);
    }

    /** This scheduler's node id, as it appears in fire claims. */
    public String nodeId() {
        return ctx.options.nodeId();
    }

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
            }
            log.info("scheduler {} stopped", ctx.options.nodeId());
        }
    }
}
