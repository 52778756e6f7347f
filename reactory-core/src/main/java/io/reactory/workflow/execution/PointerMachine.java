package io.reactory.workflow.execution;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepFailedException;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.StepKind;
import io.reactory.workflow.definition.StepNode;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.Failure;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.ErrorHandler;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The state transitions of execution pointers: what a step's result, a container's children finishing, or a
 * failure does to an instance. Pure logic on a {@link Round}: no I/O, no clock reads, no threads, so every rule is
 * testable and the same on every store.
 */
final class PointerMachine {
    private final ErrorHandler errorHandler;

    PointerMachine(ErrorHandler errorHandler) {
        this.errorHandler = errorHandler;
    }

    static boolean isReady(ExecutionPointer p, Instant now) {
        return (p.status == PointerStatus.PENDING || p.status == PointerStatus.SLEEPING)
                && (p.sleepUntil == null || !p.sleepUntil.isAfter(now));
    }

    /** Applies the outcome of a task body that ran for pointer {@code p}. */
    void taskFinished(Round r, ExecutionPointer p, TaskOutcome outcome) {
        r.instance.stepsExecuted++;
        if (!p.isActive()) {
            return; // cancelled while it ran (endWorkflow in a parallel branch): the result is dropped
        }
        if (outcome.error() != null) {
            fail(r, p, outcome.error(), outcome.took());
            return;
        }
        StepNode node = r.definition.step(p.stepId);
        switch (outcome.result()) {
            case ExecutionResult.Next next -> {
                StepKind.Task task = (StepKind.Task) node.kind();
                if (task.output() != null) {
                    try {
                        task.output().accept(outcome.stepInstance(), r.data);
                    } catch (RuntimeException e) {
                        fail(r, p, e, outcome.took());
                        return;
                    }
                }
                p.outcome = next.outcome() == null ? null : Payload.of(next.outcome());
                record(r, p, outcome.took(), true, null);
                complete(r, p);
                advance(r, p);
            }
            case ExecutionResult.Sleep sleep -> {
                p.status = PointerStatus.SLEEPING;
                p.sleepUntil = r.now.plus(sleep.duration());
            }
            case ExecutionResult.WaitForEvent wait -> {
                p.status = PointerStatus.WAITING_EVENT;
                p.eventName = wait.eventName();
                p.eventKey = wait.eventKey();
                clearEvent(p);
                r.subscriptionsChanged = true;
            }
            case ExecutionResult.Fail f -> fail(r, p, failureOf(f), outcome.took());
            case ExecutionResult.End end -> {
                record(r, p, outcome.took(), true, null);
                complete(r, p);
                endWorkflow(r);
            }
        }
    }

    /** Runs a step that is not user code: containers, delay, waitFor, end. */
    void executePrimitive(Round r, ExecutionPointer p) {
        StepNode node = r.definition.step(p.stepId);
        if (p.startedAt == null) {
            p.startedAt = r.now;
        }
        try {
            switch (node.kind()) {
                case StepKind.Task task -> throw new IllegalStateException("tasks run through taskFinished");
                case StepKind.Parallel parallel -> {
                    for (int branch : parallel.branches()) {
                        spawn(r, branch, p.id, p);
                    }
                    p.status = PointerStatus.WAITING_CHILDREN;
                }
                case StepKind.If condition -> {
                    if (condition.condition().test(r.data)) {
                        enter(r, p, condition.body());
                    } else {
                        finish(r, p);
                    }
                }
                case StepKind.Decide decide -> {
                    Integer branch = ContainerValues.match(decide.cases(), decide.selector().apply(r.data));
                    if (branch == null && decide.otherwise() >= 0) {
                        branch = decide.otherwise();
                    }
                    if (branch != null) {
                        enter(r, p, branch);
                    } else {
                        finish(r, p);
                    }
                }
                case StepKind.ForEach loop -> startForEach(r, p, loop);
                case StepKind.While loop -> {
                    if (loop.condition().test(r.data)) {
                        p.iteration = 1;
                        enter(r, p, loop.body());
                    } else {
                        finish(r, p);
                    }
                }
                case StepKind.Saga saga -> enter(r, p, saga.body());
                case StepKind.Delay delay -> {
                    if (p.iteration == 0) {
                        p.iteration = 1;
                        Duration duration = delay.duration().apply(r.data);
                        if (duration != null && duration.isPositive()) {
                            p.status = PointerStatus.SLEEPING;
                            p.sleepUntil = r.now.plus(duration);
                            return;
                        }
                    }
                    p.sleepUntil = null;
                    finish(r, p);
                }
                case StepKind.WaitFor wait -> {
                    if (p.eventId == null) {
                        String key = wait.key().apply(r.data);
                        if (key == null) {
                            throw new IllegalStateException("waitFor '" + wait.eventName() + "' computed a null key");
                        }
                        p.eventName = wait.eventName();
                        p.eventKey = key;
                        p.status = PointerStatus.WAITING_EVENT;
                        r.subscriptionsChanged = true;
                    } else {
                        if (wait.output() != null) {
                            wait.output().accept(r.data, DefaultStepContext.eventOf(p));
                        }
                        finish(r, p);
                    }
                }
                case StepKind.End end -> {
                    complete(r, p);
                    endWorkflow(r);
                }
            }
        } catch (RuntimeException e) {
            fail(r, p, e, Duration.ZERO);
        }
    }

    private void startForEach(Round r, ExecutionPointer p, StepKind.ForEach loop) {
        List<Object> items = ContainerValues.toList(loop.items().apply(r.data));
        if (items.isEmpty()) {
            finish(r, p);
            return;
        }
        p.items = Payload.of(items);
        if (loop.parallel()) {
            for (int k = 0; k < items.size(); k++) {
                spawnIteration(r, p, loop.body(), items, k);
            }
            p.iteration = items.size();
        } else {
            spawnIteration(r, p, loop.body(), items, 0);
            p.iteration = 1;
        }
        p.status = PointerStatus.WAITING_CHILDREN;
    }

    private void enter(Round r, ExecutionPointer container, int bodyStart) {
        spawn(r, bodyStart, container.id, container);
        container.status = PointerStatus.WAITING_CHILDREN;
    }

    private void spawnIteration(Round r, ExecutionPointer container, int bodyStart, List<Object> items, int index) {
        ExecutionPointer child = spawn(r, bodyStart, container.id, null);
        child.item = Payload.of(items.get(index));
        child.itemIndex = index;
    }

    ExecutionPointer spawn(Round r, int stepId, int scope, ExecutionPointer inheritFrom) {
        WorkflowInstance instance = r.instance;
        ExecutionPointer p = new ExecutionPointer(instance.nextPointerId++, stepId, scope);
        if (inheritFrom != null) {
            p.item = inheritFrom.item;
            p.itemIndex = inheritFrom.itemIndex;
            p.compensates = inheritFrom.compensates;
        }
        instance.pointers.add(p);
        return p;
    }

    private void complete(Round r, ExecutionPointer p) {
        p.status = PointerStatus.COMPLETE;
        p.endedAt = r.now;
        p.sleepUntil = null;
        p.completedSeq = ++r.instance.completions;
    }

    private void finish(Round r, ExecutionPointer p) {
        complete(r, p);
        advance(r, p);
    }

    /** Moves on after {@code p} completed: its successor in the chain, or the end of its chain. */
    private void advance(Round r, ExecutionPointer p) {
        StepNode node = r.definition.step(p.stepId);
        if (node.next() >= 0) {
            spawn(r, node.next(), p.scope, p);
        } else {
            chainEnded(r, p);
        }
    }

    private void chainEnded(Round r, ExecutionPointer last) {
        if (last.compensates >= 0) {
            ExecutionPointer target = r.instance.pointer(last.compensates);
            if (target != null) {
                target.status = PointerStatus.COMPENSATED;
            }
        }
        if (last.scope < 0) {
            return;
        }
        ExecutionPointer container = r.instance.pointer(last.scope);
        if (container == null || !container.isActive() || hasActiveChildren(r.instance, container.id)) {
            return;
        }
        childrenDone(r, container);
    }

    private static boolean hasActiveChildren(WorkflowInstance instance, int containerId) {
        for (ExecutionPointer p : instance.pointers) {
            if (p.scope == containerId && p.isActive()) {
                return true;
            }
        }
        return false;
    }

    private void childrenDone(Round r, ExecutionPointer container) {
        if (container.status == PointerStatus.COMPENSATING) {
            nextCompensation(r, container);
            return;
        }
        StepNode node = r.definition.step(container.stepId);
        try {
            switch (node.kind()) {
                case StepKind.ForEach loop -> {
                    List<Object> items = ContainerValues.itemsOf(container);
                    if (!loop.parallel() && container.iteration < items.size()) {
                        spawnIteration(r, container, loop.body(), items, container.iteration);
                        container.iteration++;
                        return;
                    }
                }
                case StepKind.While loop -> {
                    if (loop.condition().test(r.data)) {
                        container.iteration++;
                        spawn(r, loop.body(), container.id, container);
                        return;
                    }
                }
                default -> {
                }
            }
        } catch (RuntimeException e) {
            fail(r, container, e, Duration.ZERO);
            return;
        }
        finish(r, container);
    }

    /** The step's retry options, or the workflow's default. */
    static RetryOptions retryOf(StepNode node, WorkflowDefinition definition) {
        return node.policy().retry() != null ? node.policy().retry() : definition.options().defaultRetry();
    }

    /** A {@code fail(...)} result as an exception; its stack would only show the engine, so it has none. */
    private static StepFailedException failureOf(ExecutionResult.Fail f) {
        StepFailedException failure = new StepFailedException(f.message(), f.nonRetryable(), null);
        failure.setStackTrace(new StackTraceElement[0]);
        return failure;
    }

    /** A step failed: retry it, suspend, terminate or compensate, as its policy says. */
    void fail(Round r, ExecutionPointer p, Throwable error, Duration took) {
        fail(r, p, error, took, null);
    }

    /**
     * A step failed: the ErrorHandler classifies the error, the step's failure behaviour decides, and the failure is
     * recorded with the round.
     *
     * @param notBefore the earliest time of a retry (a circuit breaker's open window), or null
     */
    void fail(Round r, ExecutionPointer p, Throwable error, Duration took, Instant notBefore) {
        StepNode node = r.definition.step(p.stepId);
        p.failures++;
        p.errorType = error.getClass().getName();
        p.errorMessage = messageOf(error);
        record(r, p, took, false, p.errorType);
        RetryOptions retry = retryOf(node, r.definition);
        ErrorBehavior behavior = node.policy().onError() != null ? node.policy().onError()
                : r.definition.options().defaultOnError();
        boolean retryable = errorHandler.isRetryable(error, retry);
        ErrorRecord.Action action;
        Instant retryAt = null;
        switch (behavior) {
            case RETRY -> {
                if (retryable && retry.allowsAnotherAttempt(p.failures)) {
                    Duration backoff = retry.backoff(p.failures);
                    retryAt = r.now.plus(backoff);
                    if (notBefore != null && retryAt.isBefore(notBefore)) {
                        retryAt = notBefore;
                        backoff = Duration.between(r.now, notBefore);
                    }
                    p.status = PointerStatus.PENDING;
                    p.sleepUntil = retryAt;
                    r.steps.add(new Round.StepRecord(node.name(), took, false, p.errorType, p.failures, backoff));
                    action = ErrorRecord.Action.RETRY;
                } else {
                    action = finalFailure(r, p);
                }
            }
            case SUSPEND -> {
                p.status = PointerStatus.PENDING;
                p.sleepUntil = null;
                if (r.instance.status == WorkflowStatus.RUNNING) {
                    r.setStatus(WorkflowStatus.PAUSED);
                }
                action = ErrorRecord.Action.SUSPEND;
            }
            case TERMINATE -> {
                failWorkflow(r, p, Failure.STEP_FAILED);
                action = ErrorRecord.Action.FAIL;
            }
            case COMPENSATE -> {
                compensate(r, p, enclosingSaga(r, p));
                action = ErrorRecord.Action.COMPENSATE;
            }
            default -> throw new IllegalStateException("unknown error behaviour " + behavior);
        }
        r.addError(ErrorRecords.of(r, p, error, retryable, action, retryAt));
    }

    /**
     * A step's dependency refused the call (its circuit breaker is open) and the breaker holds refused steps: the
     * step is not invoked and uses no attempt; it becomes due again at {@code until}.
     */
    void hold(ExecutionPointer p, Instant until) {
        p.sleepUntil = until;
    }

    private ErrorRecord.Action finalFailure(Round r, ExecutionPointer p) {
        ExecutionPointer saga = enclosingSaga(r, p);
        if (saga != null) {
            compensate(r, p, saga);
            return ErrorRecord.Action.COMPENSATE;
        }
        failWorkflow(r, p, Failure.STEP_FAILED);
        return ErrorRecord.Action.FAIL;
    }

    /** The innermost saga around {@code p} that is still running normally, or null. */
    private static ExecutionPointer enclosingSaga(Round r, ExecutionPointer p) {
        for (int scope = p.scope; scope >= 0; ) {
            ExecutionPointer container = r.instance.pointer(scope);
            if (container == null) {
                return null;
            }
            if (container.status == PointerStatus.COMPENSATING) {
                return null; // a compensation failed: no second compensation, the workflow fails
            }
            if (r.definition.step(container.stepId).kind() instanceof StepKind.Saga) {
                return container;
            }
            scope = container.scope;
        }
        return null;
    }

    /**
     * Runs the compensations of the completed steps inside {@code saga} (or inside the whole workflow when null), in
     * reverse order of completion, after cancelling what still runs there.
     */
    private void compensate(Round r, ExecutionPointer failed, ExecutionPointer saga) {
        int scope = saga == null ? -1 : saga.id;
        failed.status = PointerStatus.FAILED;
        failed.endedAt = r.now;
        List<ExecutionPointer> done = new ArrayList<>();
        for (ExecutionPointer p : r.instance.pointers) {
            if (p == failed || p == saga || !isWithin(r.instance, p, scope)) {
                continue;
            }
            if (p.isActive()) {
                cancel(r, p);
            } else if (p.status == PointerStatus.COMPLETE && r.definition.step(p.stepId).policy().compensation() >= 0) {
                done.add(p);
            }
        }
        done.sort(Comparator.comparingLong((ExecutionPointer p) -> p.completedSeq).reversed());
        ExecutionPointer host = saga == null ? failed : saga;
        host.status = PointerStatus.COMPENSATING;
        host.errorType = failed.errorType;
        host.errorMessage = failed.errorMessage;
        host.compensationQueue = new ArrayList<>(done.size());
        done.forEach(p -> host.compensationQueue.add(p.id));
        nextCompensation(r, host);
    }

    private void nextCompensation(Round r, ExecutionPointer host) {
        if (host.compensationQueue != null && !host.compensationQueue.isEmpty()) {
            ExecutionPointer target = r.instance.pointer(host.compensationQueue.remove(0));
            int start = r.definition.step(target.stepId).policy().compensation();
            ExecutionPointer step = spawn(r, start, host.id, target);
            step.compensates = target.id;
            return;
        }
        host.compensationQueue = null;
        host.endedAt = r.now;
        StepNode node = r.definition.step(host.stepId);
        if (node.kind() instanceof StepKind.Saga saga) {
            if (saga.continueAfterCompensation()) {
                finish(r, host);
                return;
            }
            ExecutionPointer outer = enclosingSaga(r, host);
            if (outer != null) {
                compensate(r, host, outer);
                return;
            }
        }
        host.status = PointerStatus.FAILED;
        failWorkflow(r, host, Failure.COMPENSATED);
    }

    private static boolean isWithin(WorkflowInstance instance, ExecutionPointer p, int scope) {
        if (scope < 0) {
            return true;
        }
        for (int s = p.scope; s >= 0; ) {
            if (s == scope) {
                return true;
            }
            ExecutionPointer parent = instance.pointer(s);
            s = parent == null ? -1 : parent.scope;
        }
        return false;
    }

    private void failWorkflow(Round r, ExecutionPointer p, String reason) {
        if (p.status != PointerStatus.FAILED) {
            p.status = PointerStatus.FAILED;
            p.endedAt = r.now;
        }
        r.instance.failure = new Failure(reason, r.stepName(p.stepId), p.failures, p.errorType, p.errorMessage, r.now);
        if (r.instance.status == WorkflowStatus.RUNNING) {
            r.setStatus(WorkflowStatus.FAILED);
        }
    }

    /** Completes the workflow now: every other active pointer is cancelled. */
    private void endWorkflow(Round r) {
        for (ExecutionPointer p : r.instance.pointers) {
            if (p.isActive()) {
                cancel(r, p);
            }
        }
        if (r.instance.status == WorkflowStatus.RUNNING) {
            r.setStatus(WorkflowStatus.COMPLETED);
        }
    }

    /** Cancels the whole instance at this step boundary. */
    void cancelInstance(Round r) {
        for (ExecutionPointer p : r.instance.pointers) {
            if (p.isActive()) {
                cancel(r, p);
            }
        }
        if (r.instance.status == WorkflowStatus.PENDING) {
            r.instance.startedAt = r.now;
            r.setStatus(WorkflowStatus.RUNNING); // the diagram has no PENDING → CANCELLED arrow
        }
        r.setStatus(WorkflowStatus.CANCELLED);
    }

    private void cancel(Round r, ExecutionPointer p) {
        if (p.status == PointerStatus.WAITING_EVENT) {
            r.subscriptionsChanged = true;
        }
        p.status = PointerStatus.CANCELLED;
        p.endedAt = r.now;
        p.sleepUntil = null;
    }

    /**
     * Takes every FAILED pointer back to PENDING with a fresh retry budget (retry of a FAILED instance). Callers
     * refuse instances whose failure was compensated: their completed work has been undone.
     */
    void retryFailed(Round r) {
        for (ExecutionPointer p : r.instance.pointers) {
            if (p.status == PointerStatus.FAILED) {
                p.status = PointerStatus.PENDING;
                p.failures = 0;
                p.sleepUntil = null;
                p.endedAt = null;
            }
        }
        r.instance.failure = null;
        r.setStatus(WorkflowStatus.RUNNING);
    }

    /** Delivers an event to the pointer waiting for it; false when none waits (the signal is then dropped). */
    boolean deliver(Round r, io.reactory.workflow.persistence.Event event) {
        String cursorKey = WorkflowInstance.cursorKey(event.name(), event.key());
        long cursor = r.instance.eventCursors.getOrDefault(cursorKey, 0L);
        if (event.seq() <= cursor || event.publishedAt().isBefore(r.instance.createdAt)) {
            return false;
        }
        for (ExecutionPointer p : r.instance.pointers) {
            if (p.status == PointerStatus.WAITING_EVENT && p.eventId == null
                    && event.name().equals(p.eventName) && event.key().equals(p.eventKey)) {
                p.eventId = event.id();
                p.eventPublishedAt = event.publishedAt();
                p.eventData = event.data();
                p.status = PointerStatus.PENDING;
                p.sleepUntil = null;
                r.instance.advanceCursor(cursorKey, event.seq());
                r.subscriptionsChanged = true;
                return true;
            }
        }
        return false;
    }

    private static void clearEvent(ExecutionPointer p) {
        p.eventId = null;
        p.eventData = null;
        p.eventPublishedAt = null;
    }

    private static void record(Round r, ExecutionPointer p, Duration took, boolean succeeded, String errorType) {
        r.steps.add(new Round.StepRecord(r.stepName(p.stepId), took, succeeded, errorType, p.failures + (succeeded ? 1 : 0), null));
    }

    static String messageOf(Throwable error) {
        String message = error.getMessage();
        if (message == null) {
            message = error.getClass().getSimpleName();
        }
        return message.length() > 2000 ? message.substring(0, 2000) + "…" : message;
    }
}
