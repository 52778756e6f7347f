package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.resilience.RetryOptions;
import io.reactory.workflow.testing.ManualClock;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the LifecycleManager's engine contracts share: a store (subclasses say which, and what reopening it after a
 * restart is), deterministic engines on a manual clock with a LifecycleManager each, and the workflows of the
 * specification's dependency example.
 *
 * <p>{@code data-extraction} and {@code validation} wait for an event {@code finish} keyed by their reference, then
 * run their step (which fails when the data says so); {@code process-results} runs one step at once. Every step
 * records the instance it ran for in {@link #ran}.
 */
public abstract class LifecycleContractBase {
    protected final ManualClock clock = ManualClock.startingAt2026();
    protected WorkflowStore store;
    protected final List<String> ran = new CopyOnWriteArrayList<>();
    protected final List<StatusChange> changes = new CopyOnWriteArrayList<>();
    private final List<Engine> engines = new ArrayList<>();

    /** A new, empty store. */
    protected abstract WorkflowStore createStore();

    /** The store {@code closed} was, opened again as a restarted process would (the in-memory store: itself). */
    protected abstract WorkflowStore reopen(WorkflowStore closed);

    /** Workflow data as a durable store hands it back. */
    public static class Job {
        public boolean fail;
        public List<String> trace = new ArrayList<>();
        public String payload;
    }

    /** One engine: a deterministic runner and its LifecycleManager. */
    protected record Engine(TestWorkflowEnvironment env, LocalLifecycleManager lifecycle) {
        public WorkflowRunner runner() {
            return env.runner();
        }

        /** Runs everything due now, wake-ups included. */
        public void settle() {
            env.runUntilIdle();
            lifecycle.runDue();
            env.runUntilIdle();
        }

        public WorkflowStatus status(String id) {
            return env.runner().getWorkflowStatus(id);
        }

        public InstanceInfo info(String id) {
            return env.runner().getInstance(id);
        }
    }

    @BeforeEach
    void openStore() {
        store = createStore();
    }

    @AfterEach
    void closeAll() {
        engines.forEach(e -> {
            e.lifecycle().close();
            e.env().close();
        });
        store.close();
    }

    protected Engine engine() {
        return engine(LifecycleOptions.DEFAULT);
    }

    protected Engine engine(LifecycleOptions options) {
        TestWorkflowEnvironment env = TestWorkflowEnvironment.create(store, clock);
        registerWorkflows(env.runner());
        env.runner().addListener(new WorkflowListener() {
            @Override
            public void statusChanged(StatusChange change) {
                changes.add(change);
            }
        });
        Engine engine = new Engine(env, WorkflowLifecycleManager.builder(env.runner()).options(options).buildLocal());
        engines.add(engine);
        return engine;
    }

    /** Stops an engine and opens the store again, as a restarted process would. */
    protected Engine restart(Engine old, LifecycleOptions options) {
        old.lifecycle().close();
        old.env().close();
        engines.remove(old);
        store.close();
        store = reopen(store);
        return engine(options);
    }

    protected void registerWorkflows(WorkflowRunner runner) {
        for (String id : List.of("data-extraction", "validation")) {
            runner.registerWorkflow(WorkflowDefinition.define(id, "1", Job.class, b -> b
                    .waitFor("finish", job -> id + "/" + ctxReference(job))
                    .then("work", ctx -> record(ctx.instanceId(), ctx.data()))
                    .retry(RetryOptions.NONE)));
        }
        runner.registerWorkflow(WorkflowDefinition.define("process-results", "1", Job.class, b -> b
                .startWith("work", ctx -> record(ctx.instanceId(), ctx.data())).retry(RetryOptions.NONE)));
        runner.registerWorkflow(WorkflowDefinition.define("report", "1", Job.class, b -> b
                .startWith("work", ctx -> record(ctx.instanceId(), ctx.data())).retry(RetryOptions.NONE)));
    }

    /** The event key of a staged workflow: the instance's data carries its reference in {@code trace[0]}. */
    private static String ctxReference(Job job) {
        return job.trace.isEmpty() ? "" : job.trace.get(0);
    }

    private ExecutionResult record(String instanceId, Job job) {
        if (job.fail) {
            throw new IllegalStateException("the step failed as asked");
        }
        ran.add(instanceId);
        return ExecutionResult.next();
    }

    /** Starts a staged workflow (data-extraction, validation) for a reference; it waits for {@link #finish}. */
    protected String stage(Engine e, String workflowId, String reference, boolean fail) {
        Job job = new Job();
        job.fail = fail;
        job.trace.add(reference);
        return e.runner().startWorkflow(workflowId, null, job, StartOptions.DEFAULT.withReference(reference));
    }

    protected String stage(Engine e, String workflowId, String reference) {
        return stage(e, workflowId, reference, false);
    }

    /** Lets a staged workflow run its step (and complete, or fail) and everything that follows from it. */
    protected void finish(Engine e, String workflowId, String reference) {
        e.runner().publishEvent("finish", workflowId + "/" + reference, Map.of());
        e.settle();
    }

    protected static WorkflowDependency on(String workflowId) {
        return WorkflowDependency.of(workflowId, "completed");
    }
}
