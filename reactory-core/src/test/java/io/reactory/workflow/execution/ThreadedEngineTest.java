package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The engine on its own threads: requests that arrive while a step runs, and shutdown. */
class ThreadedEngineTest {
    private final InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    private final CountDownLatch stepEntered = new CountDownLatch(1);
    private final CountDownLatch releaseStep = new CountDownLatch(1);
    private final AtomicInteger secondRuns = new AtomicInteger();

    private WorkflowDefinition blocking() {
        return WorkflowDefinition.define("blocking", "1", TestData.class, b -> b
                .startWith("block", ctx -> {
                    stepEntered.countDown();
                    if (!releaseStep.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("test never released the step");
                    }
                    ctx.data().trace.add("block");
                    return ExecutionResult.next();
                })
                .then("second", ctx -> {
                    secondRuns.incrementAndGet();
                    ctx.data().trace.add("second");
                    return ExecutionResult.next();
                }));
    }

    private WorkflowRunner runner(String node) {
        WorkflowRunner runner = WorkflowRunner.builder().store(store)
                .options(RunnerOptions.defaults().withNodeId(node).withShutdownTimeout(Duration.ofSeconds(10)))
                .build();
        runner.registerWorkflow(blocking());
        runner.initialize();
        return runner;
    }

    @Test
    void pause_while_a_step_runs_lets_it_finish_and_starts_nothing_more_until_resumed() throws Exception {
        try (WorkflowRunner runner = runner("node-1")) {
            String id = runner.startWorkflow("blocking", null);
            assertThat(stepEntered.await(10, TimeUnit.SECONDS)).isTrue();

            runner.pauseWorkflow(id);
            runner.resumeWorkflow(id); // accepted: the queued pause counts
            runner.pauseWorkflow(id);
            releaseStep.countDown();

            await().atMost(Duration.ofSeconds(10)).until(() -> runner.getWorkflowStatus(id) == WorkflowStatus.PAUSED);
            assertThat(secondRuns).hasValue(0);
            assertThat(((TestData) runner.getInstance(id).data()).trace).containsExactly("block");

            runner.resumeWorkflow(id);
            await().atMost(Duration.ofSeconds(10)).until(() -> runner.getWorkflowStatus(id) == WorkflowStatus.COMPLETED);
            assertThat(secondRuns).hasValue(1);
        }
    }

    @Test
    void close_lets_the_running_step_finish_commits_it_and_another_runner_takes_over() throws Exception {
        WorkflowRunner first = runner("node-1");
        String id = first.startWorkflow("blocking", null);
        assertThat(stepEntered.await(10, TimeUnit.SECONDS)).isTrue();

        Thread closer = Thread.ofPlatform().start(first::close);
        // Release the step only once close() waits for it: released earlier, the round could commit and the next
        // step start before shutdown begins.
        await().atMost(Duration.ofSeconds(10)).until(() -> closer.getState() == Thread.State.TIMED_WAITING);
        releaseStep.countDown();
        closer.join(Duration.ofSeconds(15));
        assertThat(closer.isAlive()).isFalse();

        assertThat(((TestData) first.getInstance(id).data()).trace).as("the running step's result was committed")
                .containsExactly("block");
        assertThat(secondRuns).as("nothing new starts after close").hasValue(0);

        try (WorkflowRunner second = runner("node-2")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> second.getWorkflowStatus(id) == WorkflowStatus.COMPLETED);
            assertThat(((TestData) second.getInstance(id).data()).trace).containsExactly("block", "second");
        }
    }

    @Test
    void a_waiting_instance_wakes_when_its_event_is_published_from_another_thread() {
        try (WorkflowRunner runner = WorkflowRunner.builder().store(store).build()) {
            runner.registerWorkflow(WorkflowDefinition.define("waiter", "1", TestData.class, b -> b
                    .waitFor("go", d -> "key")
                    .then("done", ctx -> ExecutionResult.next())));
            runner.initialize();
            String id = runner.startWorkflow("waiter", null);
            await().atMost(Duration.ofSeconds(10)).until(() -> runner.getInstance(id).steps().stream()
                    .anyMatch(s -> "go/key".equals(s.waitingForEvent())));

            Thread.ofVirtual().start(() -> runner.publishEvent("go", "key", null));

            await().atMost(Duration.ofSeconds(10)).until(() -> runner.getWorkflowStatus(id) == WorkflowStatus.COMPLETED);
        }
    }
}
