package io.reactory.workflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.health.Health;
import io.reactory.workflow.health.HealthIndicators;
import io.reactory.workflow.scheduling.LocalWorkflowScheduler;
import io.reactory.workflow.scheduling.SchedulerStats;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Scheduler's events become the scheduler meters, in agreement with getSchedulerStats. */
class SchedulerMetricsTest {
    private final MetricsFixture f = new MetricsFixture();
    private final LocalWorkflowScheduler scheduler = WorkflowScheduler.builder(f.env.runner()).buildLocal();

    @AfterEach
    void close() {
        scheduler.close();
        f.close();
    }

    private void settle() {
        for (int i = 0; i < 100; i++) {
            int worked = scheduler.runDue();
            f.env.runUntilIdle();
            if (worked == 0 && scheduler.runDue() == 0) {
                return;
            }
        }
        throw new IllegalStateException("did not settle");
    }

    @Test
    void a_late_run_and_misfired_times_show_in_the_meters_as_in_getSchedulerStats() {
        f.env.runner().registerWorkflow(WorkflowDefinition.define("report", "1", MetricsFixture.Data.class, b -> b
                .startWith("render", ctx -> ExecutionResult.next())));
        f.metrics.bind(scheduler);
        scheduler.addSchedule(new ScheduleConfig("every-minute", null, null,
                new ScheduleConfig.WorkflowRef("report", null, null),
                new ScheduleConfig.Timing("* * * * *", "UTC", true, null, null, null, null, null),
                Map.of(), null, null, null));
        assertThat(f.gauge("reactory.scheduler.schedules", "state", "active")).isEqualTo(1);

        f.env.clock().set(Instant.parse("2026-01-01T00:01:30Z"));   // the 00:01 run starts 30 s late
        settle();
        f.env.clock().set(Instant.parse("2026-01-01T00:05:10Z"));   // 00:02-00:04 missed; 00:05 runs 10 s late
        settle();

        SchedulerStats stats = scheduler.getSchedulerStats();
        assertThat(stats.fired()).isEqualTo(2);
        assertThat(stats.skipped()).isEqualTo(3);
        assertThat(f.sum("reactory.scheduler.fired")).isEqualTo(stats.fired());
        assertThat(f.sum("reactory.scheduler.retried")).isEqualTo(stats.retried());
        assertThat(f.sum("reactory.scheduler.skipped")).isEqualTo(stats.skipped());
        assertThat(f.count("reactory.scheduler.skipped", "schedule", "every-minute", "reason", "misfire")).isEqualTo(3);
        assertThat(f.count("reactory.scheduler.runs", "schedule", "every-minute", "outcome", "completed"))
                .isEqualTo(stats.completed()).isEqualTo(2);
        assertThat(f.sum("reactory.scheduler.runs", "outcome", "failed") + f.sum("reactory.scheduler.runs", "outcome",
                "timed_out")).isEqualTo(stats.failed());
        assertThat(Duration.ofNanos((long) f.timer("reactory.scheduler.lateness", "schedule", "every-minute")
                .max(TimeUnit.NANOSECONDS))).isEqualTo(stats.maxLateness()).isEqualTo(Duration.ofSeconds(30));
        assertThat(f.gauge("reactory.scheduler.runs.in.flight")).isEqualTo(stats.runsInFlight()).isZero();
        assertThat(HealthIndicators.scheduler(scheduler).check().status()).isEqualTo(Health.Status.UP);
        scheduler.close();
        assertThat(HealthIndicators.scheduler(scheduler).check().status()).isEqualTo(Health.Status.DOWN);
    }
}
