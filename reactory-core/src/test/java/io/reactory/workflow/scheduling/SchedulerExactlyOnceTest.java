package io.reactory.workflow.scheduling;

import static io.reactory.workflow.scheduling.TestSchedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.execution.LocalWorkflowRunner;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.ScheduleFire;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes on one store, driven by hand so that each race and each death happens exactly where the test says:
 * every fire time starts one workflow, and a node dying mid-firing loses nothing and doubles nothing.
 */
class SchedulerExactlyOnceTest {
    private final InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T09:59:30Z"));
    private final Node a = new Node("node-a");
    private final Node b = new Node("node-b");

    /** A runner and scheduler of one node, sharing the store and clock with the other. */
    private final class Node {
        final LocalWorkflowRunner runner;
        final InterceptedScheduleStore schedules = new InterceptedScheduleStore(store.schedules());
        final LocalWorkflowScheduler scheduler;

        Node(String id) {
            runner = (LocalWorkflowRunner) io.reactory.workflow.api.WorkflowRunner.builder().store(store).clock(clock)
                    .options(RunnerOptions.defaults().withNodeId(id).withLeaseDuration(Duration.ofMinutes(5)))
                    .stepExecutor(Runnable::run).build();
            runner.registerWorkflow(WorkflowDefinition.define("report", "1", SchedulerHarness.ReportData.class,
                    w -> w.startWith("render", ctx -> ExecutionResult.next())));
            scheduler = WorkflowScheduler.builder(runner).store(schedules)
                    .options(SchedulerOptions.defaults(id).withClaimTimeout(Duration.ofSeconds(30))).buildLocal();
        }

        void settle() {
            scheduler.runDue();
            runner.runUntilIdle();
            scheduler.runDue();
        }
    }

    @AfterEach
    void close() {
        a.scheduler.close();
        b.scheduler.close();
        a.runner.close();
        b.runner.close();
    }

    private List<InstanceInfo> instances() {
        return a.runner.findInstances(new InstanceQuery(null, "report", null, null, null, null, 0, 10_000));
    }

    private static Map<String, Long> perFireTime(List<InstanceInfo> runs) {
        return runs.stream().collect(Collectors.groupingBy(
                i -> i.metadata().get("reactory.scheduleId") + "@" + i.metadata().get("reactory.fireTime"),
                Collectors.counting()));
    }

    @Test
    void when_both_nodes_fire_the_same_schedules_at_once_each_fire_time_starts_one_workflow() {
        for (int i = 0; i < 20; i++) {
            a.scheduler.addSchedule(schedule("s" + i, "* * * * *").build());
        }
        // Node A reads what is due, then node B fires all of it, then A goes on with what it read.
        a.schedules.afterFindDue = () -> b.scheduler.runDue();
        for (int minute = 0; minute < 5; minute++) {
            clock.advance(Duration.ofMinutes(1));
            a.settle();
            b.settle();
        }
        List<InstanceInfo> runs = instances();
        assertThat(runs).hasSize(100);
        assertThat(perFireTime(runs).values()).containsOnly(1L);
        assertThat(b.scheduler.getSchedulerStats().fired()).isEqualTo(100);
        assertThat(a.scheduler.getSchedulerStats().fired()).isZero();
    }

    @Test
    void a_node_that_dies_after_starting_the_workflow_but_before_recording_it_leaves_one_instance() {
        a.scheduler.addSchedule(schedule("daily", "0 10 * * *").build());
        a.schedules.dieBeforeWrite = w -> w.updates().stream().anyMatch(f -> f.state == ScheduleFire.State.RUNNING);
        clock.set(Instant.parse("2026-01-01T10:00:00Z"));
        assertThatThrownBy(a.scheduler::runDue).isInstanceOf(InterceptedScheduleStore.NodeDied.class);
        assertThat(instances()).hasSize(1);

        b.settle();
        assertThat(b.scheduler.getScheduleStatus("daily").runsInFlight()).as("claim still held").isEqualTo(1);
        clock.advance(Duration.ofSeconds(31));
        b.settle();

        List<InstanceInfo> runs = instances();
        assertThat(runs).singleElement().satisfies(run -> assertThat(run.status()).isEqualTo(WorkflowStatus.COMPLETED));
        ScheduledWorkflow status = b.scheduler.getScheduleStatus("daily");
        assertThat(status.lastOutcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(status.runsInFlight()).isZero();
    }

    @Test
    void a_node_that_dies_after_claiming_a_fire_time_but_before_starting_it_is_replaced_after_the_claim_timeout() {
        a.scheduler.addSchedule(schedule("daily", "0 10 * * *").build());
        a.runner.addStartInterceptor(request -> {
            throw new InterceptedScheduleStore.NodeDied();
        });
        clock.set(Instant.parse("2026-01-01T10:00:00Z"));
        assertThatThrownBy(a.scheduler::runDue).isInstanceOf(InterceptedScheduleStore.NodeDied.class);
        assertThat(instances()).isEmpty();

        clock.advance(Duration.ofSeconds(31));
        b.settle();
        assertThat(instances()).singleElement().satisfies(run -> {
            assertThat(run.metadata()).containsEntry("reactory.fireTime", "2026-01-01T10:00:00Z");
            assertThat(run.status()).isEqualTo(WorkflowStatus.COMPLETED);
        });
    }

    @Test
    void when_the_node_that_fired_stops_the_other_fires_the_next_times() {
        a.scheduler.addSchedule(schedule("hourly", "0 * * * *").build());
        clock.set(Instant.parse("2026-01-01T10:00:00Z"));
        a.settle();
        a.scheduler.close();
        a.runner.close();
        for (int hour = 11; hour <= 13; hour++) {
            clock.set(Instant.parse("2026-01-01T" + hour + ":00:00Z"));
            b.settle();
        }
        assertThat(instances()).hasSize(4);
        assertThat(perFireTime(instances()).values()).containsOnly(1L);
        assertThat(b.scheduler.getSchedulerStats().fired()).isEqualTo(3);
    }

    @Test
    void the_end_of_a_run_executed_by_the_other_node_is_recorded() {
        a.scheduler.addSchedule(schedule("hourly", "0 * * * *").build());
        clock.set(Instant.parse("2026-01-01T10:00:00Z"));
        a.scheduler.runDue();                 // node A starts the run
        b.runner.runUntilIdle();              // node B's engine executes it
        b.scheduler.runDue();                 // node B's scheduler hears of the end
        assertThat(a.scheduler.getScheduleStatus("hourly").lastOutcome()).isEqualTo(RunOutcome.COMPLETED);
    }
}
