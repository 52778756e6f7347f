package io.reactory.workflow.execution;

import io.reactory.workflow.api.StepFactory;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.StepKind;
import io.reactory.workflow.definition.StepNode;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.lifecycle.ResourceLimits;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.Failure;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.resilience.CircuitBreaker;
import io.reactory.workflow.resilience.CircuitBreakerOpenException;
import io.reactory.workflow.resilience.ErrorHandler;
import io.reactory.workflow.resilience.OpenCircuitPolicy;
import io.reactory.workflow.resilience.WorkflowTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    private final ErrorHandler errorHandler;
    private final PointerMachine machine;
    private final TaskRunner tasksRunner;
    /** The LifecycleManager's hooks, or null when there is none (then nothing of it costs anything). */
    private volatile LifecycleHooks hooks;

    RoundExecutor(Clock clock, StepFactory stepFactory, Executor fanOut, ErrorHandler errorHandler,
                  boolean stepLogContext) {
        this.clock = clock;
        this.errorHandler = errorHandler;
        this.machine = new PointerMachine(errorHandler);
        this.tasksRunner = new TaskRunner(clock, stepFactory, fanOut, errorHandler, stepLogContext);
    }

    void hooks(LifecycleHooks value) {
        this.hooks = value;
    }

    Round run(WorkflowInstance instance, WorkflowDefinition definition, List<Signal> signals) {
        Round r = new Round(instance, definition, clock.instant());
        r.data = instance.data.as(definition.dataType());
        for (Signal signal : signals) {
            r.consumedSignals.add(signal.id());
            apply(r, signal.kind(), signal.event());
        }
        LifecycleHooks h = hooks;
        if (instance.status == WorkflowStatus.PENDING
                && (instance.nextExecution == null || !instance.nextExecution.isAfter(r.now))) {
            if (h == null || !h.gates(instance)) {
                start(r);
            } else {
                LifecycleRules.tryStart(r, h, this::start, machine);
            }
        }
        if (instance.status == WorkflowStatus.RUNNING) {
            ResourceLimits limits = h == null ? null : h.limits(instance.workflowId);
            if (timedOut(r)) {
                timeout(r);
            } else if (limits == null || !LifecycleRules.stepsSpent(r, limits)) {
                runReady(r);
                if (instance.status == WorkflowStatus.RUNNING && !hasActivePointer(instance)) {
                    r.setStatus(WorkflowStatus.COMPLETED);
                } else if (limits != null) {
                    LifecycleRules.checkAfterRound(r, limits);
                }
            }
        }
        instance.nextExecution = r.parked ? null : nextExecution(r);
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
            if (signal.kind() != Signal.Kind.EVENT && signal.kind() != Signal.Kind.WAKE) {
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
                if (status == WorkflowStatus.PENDING && r.instance.gated) {
                    return; // refused for waiting instances (ControlRules); one queued before it became gated lapses
                }
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
            case WAKE -> {
                // only makes the instance claimable: the round looks at it again
            }
        }
    }

    void start(Round r) {
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
        WorkflowTimeoutException error = new WorkflowTimeoutException(r.definition.id(), r.definition.options().timeout());
        r.instance.failure = new Failure(Failure.TIMEOUT, null, 0, error.getClass().getName(), error.getMessage(), r.now);
        r.addError(ErrorRecords.ofInstance(r, error));
        r.setStatus(WorkflowStatus.FAILED);
    }

    private void runReady(Round r) {
        List<ExecutionPointer> ready = new ArrayList<>(2);
        List<ExecutionPointer> tasks = new ArrayList<>(2);
        TaskRunner.Permits guards = null;
        for (ExecutionPointer p : r.instance.pointers) {
            if (PointerMachine.isReady(p, r.now)) {
                ready.add(p);
                StepNode node = r.definition.step(p.stepId);
                if (node.kind() instanceof StepKind.Task) {
                    String dependency = node.policy().circuitBreaker();
                    if (dependency == null) {
                        tasks.add(p);
                        continue;
                    }
                    guards = guards == null ? new TaskRunner.Permits() : guards;
                    CircuitBreaker breaker = errorHandler.circuitBreaker(dependency);
                    if (breaker.tryAcquire()) {
                        guards.admit(tasks.size(), breaker);
                        tasks.add(p);
                    } else {
                        guards.refuse(p, breaker);
                    }
                }
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        TaskOutcome[] outcomes = tasks.isEmpty() ? new TaskOutcome[0] : tasksRunner.runAll(r, tasks, guards);
        if (!tasks.isEmpty()) {
            r.now = clock.instant();
        }
        int primitives = 0;
        int task = 0;
        int known = r.instance.pointers.size();
        for (ExecutionPointer p : ready) {
            if (task < tasks.size() && tasks.get(task) == p) {
                machine.taskFinished(r, p, outcomes[task++]);
            } else if (r.definition.step(p.stepId).kind() instanceof StepKind.Task) {
                refused(r, p, guards.refusedBy(p));
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

    /**
     * A step whose dependency's breaker refused the call is not invoked: held for when the breaker may let it through
     * (no attempt used), or failed fast with a retry no sooner than that, as the breaker's options say.
     */
    private void refused(Round r, ExecutionPointer p, CircuitBreaker breaker) {
        Instant retryAt = breaker.retryAt();
        if (breaker.options().whileOpen() == OpenCircuitPolicy.FAIL_FAST && r.instance.status == WorkflowStatus.RUNNING) {
            machine.fail(r, p, new CircuitBreakerOpenException(breaker.dependency(), retryAt), Duration.ZERO, retryAt);
        } else {
            machine.hold(p, retryAt);
        }
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
