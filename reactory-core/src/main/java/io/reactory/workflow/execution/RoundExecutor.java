package io.reactory.workflow.execution;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.api.StepFactory;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.StepKind;
import io.reactory.workflow.definition.StepNode;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.Failure;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * Runs one round of a held instance: applies its signals, starts it if it is due, runs every ready step (task bodies
 * concurrently when several are ready), then lets containers and other primitives that became ready react at once,
 * and computes when the instance is next due. One task activation per pointer per round, so each step result is
 * committed before the step after it runs.
 */
final class RoundExecutor {
    /** Bounds primitive cascades within one round (a while loop whose body is only primitives). */
    private static final int MAX_PRIMITIVES_PER_ROUND = 1000;

    private final Clock clock;
    private final StepFactory stepFactory;
    private final Executor fanOut;
    private final PointerMachine machine = new PointerMachine();

    RoundExecutor(Clock clock, StepFactory stepFactory, Executor fanOut) {
        this.clock = clock;
        this.stepFactory = stepFactory;
        this.fanOut = fanOut;
    }

    Round run(WorkflowInstance instance, WorkflowDefinition definition, List<Signal> signals) {
        Round r = new Round(instance, definition, clock.instant());
        r.data = instance.data.as(definition.dataType());
        for (Signal signal : signals) {
            r.consumedSignals.add(signal.id());
            apply(r, signal.kind(), signal.event());
        }
        if (instance.status == WorkflowStatus.PENDING
                && (instance.nextExecution == null || !instance.nextExecution.isAfter(r.now))) {
            start(r);
        }
        if (instance.status == WorkflowStatus.RUNNING) {
            if (timedOut(r)) {
                timeout(r);
            } else {
                runReady(r);
                if (instance.status == WorkflowStatus.RUNNING && !hasActivePointer(instance)) {
                    r.setStatus(WorkflowStatus.COMPLETED);
                }
            }
        }
        instance.nextExecution = nextExecution(r);
        return r;
    }

    /**
     * Applies a lifecycle request (pause, resume, cancel, retry) to an instance outside of a normal round, after the
     * lifecycle requests already queued for it, in order. Queued events stay queued for the engine's next round.
     */
    Round control(WorkflowInstance instance, WorkflowDefinition definition, List<Signal> queued, Signal.Kind kind) {
        Round r = new Round(instance, definition, clock.instant());
        r.data = instance.data.as(definition.dataType());
        for (Signal signal : queued) {
            if (signal.kind() != Signal.Kind.EVENT) {
                r.consumedSignals.add(signal.id());
                apply(r, signal.kind(), null);
            }
        }
        apply(r, kind, null);
        instance.nextExecution = nextExecution(r);
        return r;
    }

    private void apply(Round r, Signal.Kind kind, io.reactory.workflow.persistence.Event event) {
        WorkflowStatus status = r.instance.status;
        switch (kind) {
            case PAUSE -> {
                if (status == WorkflowStatus.PENDING) {
                    start(r); // the diagram has no PENDING → PAUSED arrow: start, then pause before any step runs
                }
                if (r.instance.status == WorkflowStatus.RUNNING) {
                    r.setStatus(WorkflowStatus.PAUSED);
                }
            }
            case RESUME -> {
                if (status == WorkflowStatus.PAUSED) {
                    r.setStatus(WorkflowStatus.RUNNING);
                }
            }
            case CANCEL -> {
                if (status == WorkflowStatus.PENDING || status == WorkflowStatus.RUNNING || status == WorkflowStatus.PAUSED) {
                    machine.cancelInstance(r);
                }
            }
            case RETRY -> {
                if (status == WorkflowStatus.FAILED) {
                    machine.retryFailed(r);
                }
            }
            case EVENT -> machine.deliver(r, event);
        }
    }

    private void start(Round r) {
        r.instance.startedAt = r.now;
        r.setStatus(WorkflowStatus.RUNNING);
        if (r.instance.pointers.isEmpty()) {
            machine.spawn(r, r.definition.start(), -1, null);
        }
    }

    private boolean timedOut(Round r) {
        Duration timeout = r.definition.options().timeout();
        return timeout != null && r.instance.startedAt != null && !r.now.isBefore(r.instance.startedAt.plus(timeout));
    }

    private void timeout(Round r) {
        for (ExecutionPointer p : r.instance.pointers) {
            if (p.isActive()) {
                if (p.status == PointerStatus.WAITING_EVENT) {
                    r.subscriptionsChanged = true;
                }
                p.status = PointerStatus.CANCELLED;
                p.endedAt = r.now;
            }
        }
        r.instance.failure = new Failure(Failure.TIMEOUT, null, 0, null,
                "workflow did not finish within its timeout of " + r.definition.options().timeout(), r.now);
        r.setStatus(WorkflowStatus.FAILED);
    }

    private void runReady(Round r) {
        List<ExecutionPointer> ready = new ArrayList<>(2);
        List<ExecutionPointer> tasks = new ArrayList<>(2);
        for (ExecutionPointer p : r.instance.pointers) {
            if (PointerMachine.isReady(p, r.now)) {
                ready.add(p);
                if (r.definition.step(p.stepId).kind() instanceof StepKind.Task) {
                    tasks.add(p);
                }
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        TaskOutcome[] outcomes = tasks.isEmpty() ? new TaskOutcome[0] : runTasks(r, tasks);
        if (!tasks.isEmpty()) {
            r.now = clock.instant();
        }
        int primitives = 0;
        int task = 0;
        int known = r.instance.pointers.size();
        for (ExecutionPointer p : ready) {
            if (task < tasks.size() && tasks.get(task) == p) {
                machine.taskFinished(r, p, outcomes[task++]);
            } else if (r.instance.status == WorkflowStatus.RUNNING && PointerMachine.isReady(p, r.now)) {
                machine.executePrimitive(r, p);
                primitives++;
            }
        }
        // Primitives spawned by this round (a container after a step, a join) react now instead of a round later.
        for (int i = known; i < r.instance.pointers.size() && primitives < MAX_PRIMITIVES_PER_ROUND; i++) {
            ExecutionPointer p = r.instance.pointers.get(i);
            if (r.instance.status == WorkflowStatus.RUNNING && PointerMachine.isReady(p, r.now)
                    && !(r.definition.step(p.stepId).kind() instanceof StepKind.Task)) {
                machine.executePrimitive(r, p);
                primitives++;
            }
        }
    }

    private TaskOutcome[] runTasks(Round r, List<ExecutionPointer> tasks) {
        TaskOutcome[] outcomes = new TaskOutcome[tasks.size()];
        if (tasks.size() == 1) {
            outcomes[0] = runTask(r, tasks.get(0));
            return outcomes;
        }
        CountDownLatch done = new CountDownLatch(tasks.size() - 1);
        for (int i = 1; i < tasks.size(); i++) {
            int index = i;
            fanOut.execute(() -> {
                try {
                    outcomes[index] = runTask(r, tasks.get(index));
                } finally {
                    done.countDown();
                }
            });
        }
        outcomes[0] = runTask(r, tasks.get(0));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parallel steps ran", e);
        }
        return outcomes;
    }

    @SuppressWarnings("unchecked")
    private TaskOutcome runTask(Round r, ExecutionPointer p) {
        StepNode node = r.definition.step(p.stepId);
        StepKind.Task task = (StepKind.Task) node.kind();
        p.startedAt = r.now;
        long started = System.nanoTime();
        Object step = null;
        try {
            step = task.factory() != null ? task.factory().get() : stepFactory.create(task.bodyType());
            if (task.input() != null) {
                task.input().accept(step, r.data);
            }
            DefaultStepContext<Object> context = new DefaultStepContext<>(r.instance, p, node.name(), r.data, clock);
            StepBody<Object> body = (StepBody<Object>) step;
            Duration timeout = node.policy().timeout();
            ExecutionResult result = timeout == null ? body.run(context) : runWithTimeout(node, body, context, timeout);
            return new TaskOutcome(step, result == null ? ExecutionResult.next() : result, null,
                    Duration.ofNanos(System.nanoTime() - started));
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return new TaskOutcome(step, null, e, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    /** Runs the body on its own virtual thread and interrupts it when it overstays. */
    private static ExecutionResult runWithTimeout(StepNode node, StepBody<Object> body, DefaultStepContext<Object> context,
                                                  Duration timeout) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        Thread thread = Thread.ofVirtual().name("reactory-step-" + node.name()).start(() -> {
            try {
                result[0] = body.run(context);
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        if (!thread.join(timeout)) {
            thread.interrupt();
            throw new StepTimeoutException(node.name(), timeout);
        }
        if (failure[0] instanceof Exception e) {
            throw e;
        }
        if (failure[0] instanceof Error e) {
            throw e;
        }
        return (ExecutionResult) result[0];
    }

    private static boolean hasActivePointer(WorkflowInstance instance) {
        for (ExecutionPointer p : instance.pointers) {
            if (p.isActive()) {
                return true;
            }
        }
        return false;
    }

    private static Instant nextExecution(Round r) {
        WorkflowInstance instance = r.instance;
        return switch (instance.status) {
            case PENDING -> instance.nextExecution == null ? r.now : instance.nextExecution;
            case RUNNING -> {
                Instant next = null;
                for (ExecutionPointer p : instance.pointers) {
                    if (p.status == PointerStatus.PENDING || p.status == PointerStatus.SLEEPING) {
                        Instant at = p.sleepUntil == null ? r.now : p.sleepUntil;
                        if (next == null || at.isBefore(next)) {
                            next = at;
                        }
                    }
                }
                Duration timeout = r.definition.options().timeout();
                if (timeout != null && instance.startedAt != null) {
                    Instant deadline = instance.startedAt.plus(timeout);
                    if (next == null || deadline.isBefore(next)) {
                        next = deadline;
                    }
                }
                yield next;
            }
            default -> null;
        };
    }
}
