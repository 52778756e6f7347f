package io.reactory.workflow.execution;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.api.StepFactory;
import io.reactory.workflow.api.StepFailedException;
import io.reactory.workflow.definition.StepKind;
import io.reactory.workflow.definition.StepNode;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.resilience.CircuitBreaker;
import io.reactory.workflow.resilience.ErrorHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;

/**
 * Runs task bodies for a round: creates the step, maps its input, runs it (on its own virtual thread when it has a
 * timeout), and reports the call to the circuit breaker that let it through.
 */
final class TaskRunner {
    private final Clock clock;
    private final StepFactory stepFactory;
    private final Executor fanOut;
    private final ErrorHandler errorHandler;
    private final boolean logContext;

    TaskRunner(Clock clock, StepFactory stepFactory, Executor fanOut, ErrorHandler errorHandler, boolean logContext) {
        this.clock = clock;
        this.stepFactory = stepFactory;
        this.fanOut = fanOut;
        this.errorHandler = errorHandler;
        this.logContext = logContext;
    }

    /** Runs the bodies of a round's ready tasks, concurrently when there are several; outcomes in task order. */
    TaskOutcome[] runAll(Round r, List<ExecutionPointer> tasks, Permits guards) {
        TaskOutcome[] outcomes = new TaskOutcome[tasks.size()];
        if (tasks.size() == 1) {
            outcomes[0] = runTask(r, tasks.get(0), guards == null ? null : guards.admitted(0));
            return outcomes;
        }
        CountDownLatch done = new CountDownLatch(tasks.size() - 1);
        for (int i = 1; i < tasks.size(); i++) {
            int index = i;
            fanOut.execute(() -> {
                try {
                    outcomes[index] = runTask(r, tasks.get(index), guards == null ? null : guards.admitted(index));
                } finally {
                    done.countDown();
                }
            });
        }
        outcomes[0] = runTask(r, tasks.get(0), guards == null ? null : guards.admitted(0));
        try {
            done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parallel steps ran", e);
        }
        return outcomes;
    }

    /**
     * Runs one task body. With a {@code breaker} (the step calls a guarded dependency and was let through), the call's
     * result is reported to it: success, a retryable failure or timeout as a failure, anything else as released.
     */
    @SuppressWarnings("unchecked")
    private TaskOutcome runTask(Round r, ExecutionPointer p, CircuitBreaker breaker) {
        StepNode node = r.definition.step(p.stepId);
        StepKind.Task task = (StepKind.Task) node.kind();
        p.startedAt = r.now;
        long started = System.nanoTime();
        Object step = null;
        boolean invoked = false;
        try (LogContext ignored = logContext ? LogContext.step(r.instance.id, r.instance.workflowId, r.instance.version,
                node.name(), p.failures + 1) : LogContext.NONE) {
            step = task.factory() != null ? task.factory().get() : stepFactory.create(task.bodyType());
            if (task.input() != null) {
                task.input().accept(step, r.data);
            }
            DefaultStepContext<Object> context = new DefaultStepContext<>(r.instance, p, node.name(), r.data, clock);
            StepBody<Object> body = (StepBody<Object>) step;
            Duration timeout = node.policy().timeout();
            invoked = true;
            ExecutionResult result = timeout == null ? body.run(context) : runWithTimeout(node, body, context, timeout);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (breaker != null) {
                if (result instanceof ExecutionResult.Fail f) {
                    report(r, node, breaker, new StepFailedException(f.message(), f.nonRetryable(), null), took);
                } else {
                    breaker.onSuccess(took);
                }
            }
            return new TaskOutcome(step, result == null ? ExecutionResult.next() : result, null, took);
        } catch (VirtualMachineError e) {
            if (breaker != null) {
                breaker.release();
            }
            throw e;
        } catch (Throwable e) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            if (breaker != null) {
                if (invoked) {
                    report(r, node, breaker, e, took);
                } else {
                    breaker.release();
                }
            }
            return new TaskOutcome(step, null, e, took);
        }
    }

    private void report(Round r, StepNode node, CircuitBreaker breaker, Throwable error, Duration took) {
        if (errorHandler.isRetryable(error, PointerMachine.retryOf(node, r.definition))) {
            breaker.onFailure(took, error);
        } else {
            breaker.release();
        }
    }

    /** The breakers of a round's guarded tasks: which admitted task holds which breaker's permit, who refused whom. */
    static final class Permits {
        private final Map<Integer, CircuitBreaker> admitted = new HashMap<>(2);
        private final Map<ExecutionPointer, CircuitBreaker> refused = new IdentityHashMap<>(2);

        void admit(int taskIndex, CircuitBreaker breaker) {
            admitted.put(taskIndex, breaker);
        }

        void refuse(ExecutionPointer p, CircuitBreaker breaker) {
            refused.put(p, breaker);
        }

        CircuitBreaker admitted(int taskIndex) {
            return admitted.get(taskIndex);
        }

        CircuitBreaker refusedBy(ExecutionPointer p) {
            return refused.get(p);
        }
    }

    /** Runs the body on its own virtual thread and interrupts it when it overstays. */
    private static ExecutionResult runWithTimeout(StepNode node, StepBody<Object> body, DefaultStepContext<Object> context,
                                                  Duration timeout) throws Exception {
        Object[] result = new Object[1];
        Throwable[] failure = new Throwable[1];
        java.util.Map<String, String> mdc = org.slf4j.MDC.getCopyOfContextMap();
        Thread thread = Thread.ofVirtual().name("reactory-step-" + node.name()).start(() -> {
            if (mdc != null) {
                org.slf4j.MDC.setContextMap(mdc);
            }
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
}
