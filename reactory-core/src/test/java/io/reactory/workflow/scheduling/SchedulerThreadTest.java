package io.reactory.workflow.scheduling;

import static io.reactory.workflow.scheduling.TestSchedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.execution.LocalWorkflowRunner;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler's timer thread outlives whatever one pass throws. */
class SchedulerThreadTest {
    private final InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T09:59:30Z"));
    private final InterceptedScheduleStore schedules = new InterceptedScheduleStore(store.schedules());
    private final LocalWorkflowRunner runner = (LocalWorkflowRunner) WorkflowRunner.builder().store(store).clock(clock)
            .options(RunnerOptions.defaults().withNodeId("node-a")).stepExecutor(Runnable::run).build();
    private final LocalWorkflowScheduler scheduler;

    SchedulerThreadTest() {
        runner.registerWorkflow(WorkflowDefinition.define("report", "1", SchedulerHarness.ReportData.class,
                w -> w.startWith("render", ctx -> ExecutionResult.next())));
        scheduler = WorkflowScheduler.builder(runner).store(schedules)
                .options(SchedulerOptions.defaults("node-a")).buildLocal();
    }

    @AfterEach
    void close() {
        scheduler.close();
        runner.close();
    }

    @Test
    void an_error_in_a_pass_does_not_end_the_timer_thread() {
        AtomicBoolean failed = new AtomicBoolean();
        schedules.afterFindDue = () -> {
            if (failed.compareAndSet(false, true)) {
                throw new InterceptedScheduleStore.NodeDied(); // an Error: the pass's own handling does not catch it
            }
        };
        scheduler.addSchedule(schedule("every-minute", "* * * * *").build());
        scheduler.initialize();

        clock.set(Instant.parse("2026-01-01T10:00:00Z"));

        await().atMost(Duration.ofSeconds(10)).until(() -> runner.findInstances(
                new InstanceQuery(null, "report", null, null, null, null, 0, 10)).size() == 1);
        assertThat(failed).isTrue();
        assertThat(scheduler.isRunning()).isTrue();
    }
}
