package io.reactory.workflow.testing;

import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.StepFactory;
import io.reactory.workflow.api.Workflow;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.execution.LocalWorkflowRunner;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A deterministic engine for tests: a {@link ManualClock}, an in-memory store (or one you give), and a runner that
 * runs nothing on its own. Steps run on the calling thread when you call {@link #runUntilIdle()}; time moves only
 * when you {@link #advance} it; {@link #runToCompletion} skips straight to each next due time.
 *
 * <pre>{@code
 * try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
 *     env.runner().registerWorkflow(new ReminderWorkflow()); // waits 3 days
 *     String id = env.runner().startWorkflow("reminder", null);
 *     InstanceInfo done = env.runToCompletion(id);           // milliseconds of real time
 *     assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
 * }
 * }</pre>
 *
 * Not thread-safe: drive it from the test thread.
 */
public final class TestWorkflowEnvironment implements AutoCloseable {
    private final ManualClock clock;
    private final LocalWorkflowRunner runner;

    private TestWorkflowEnvironment(ManualClock clock, WorkflowStore store, StepFactory stepFactory) {
        this.clock = clock;
        this.runner = new LocalWorkflowRunner(store, clock,
                RunnerOptions.defaults().withNodeId("test-node").withLeaseDuration(Duration.ofDays(365)),
                stepFactory, Runnable::run, List.of());
    }

    public static TestWorkflowEnvironment create() {
        return new TestWorkflowEnvironment(ManualClock.startingAt2026(), new InMemoryWorkflowStore(), null);
    }

    public static TestWorkflowEnvironment create(WorkflowStore store, ManualClock clock) {
        return new TestWorkflowEnvironment(clock, store, null);
    }

    public static TestWorkflowEnvironment create(WorkflowStore store, ManualClock clock, StepFactory stepFactory) {
        return new TestWorkflowEnvironment(clock, store, stepFactory);
    }

    public WorkflowRunner runner() {
        return runner;
    }

    public ManualClock clock() {
        return clock;
    }

    public TestWorkflowEnvironment register(Workflow<?> workflow) {
        runner.registerWorkflow(workflow);
        return this;
    }

    /** Runs every step that is due now, and what they make due now, until nothing is. */
    public void runUntilIdle() {
        runner.runUntilIdle();
    }

    /** Moves the clock and runs what became due. */
    public void advance(Duration duration) {
        clock.advance(duration);
        runUntilIdle();
    }

    /**
     * Runs the instance to a finished state (or PAUSED), jumping the clock to each next due time, without real
     * waiting.
     *
     * @throws IllegalStateException when it waits for something only the test can do (an event, a resume)
     */
    public InstanceInfo runToCompletion(String instanceId) {
        return runToCompletion(instanceId, Duration.ofDays(3650));
    }

    public InstanceInfo runToCompletion(String instanceId, Duration maxSkip) {
        Instant limit = clock.instant().plus(maxSkip);
        while (true) {
            runUntilIdle();
            InstanceInfo info = runner.getInstance(instanceId);
            if (info.status().isFinished() || info.status() == WorkflowStatus.PAUSED) {
                return info;
            }
            Optional<Instant> due = runner.store().instances().nextDue();
            if (due.isEmpty() || due.get().isAfter(limit)) {
                throw new IllegalStateException("instance " + instanceId + " is " + info.status()
                        + " and nothing is due within " + maxSkip + ": it waits for an event or a signal");
            }
            if (due.get().isAfter(clock.instant())) {
                clock.set(due.get());
            }
        }
    }

    @Override
    public void close() {
        runner.close();
    }
}
