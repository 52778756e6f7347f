package io.reactory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.scheduling.LocalWorkflowScheduler;
import io.reactory.workflow.scheduling.RunOutcome;
import io.reactory.workflow.scheduling.ScheduleFiles;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduledReportsTest {

    @Test
    void the_daily_reports_schedule_starts_the_report_at_six_with_its_properties() {
        // tag::schedule-testkit[]
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) { // clock at 2026-01-01T00:00:00Z
            env.runner().registerWorkflow(ScheduledReports.generateReports());
            LocalWorkflowScheduler scheduler = WorkflowScheduler.builder(env.runner()).buildLocal(); // driven by hand
            ScheduleFiles.apply(scheduler, ScheduleFiles.read(Path.of("config/schedules/daily-reports.yml")));

            env.clock().advance(Duration.ofHours(6));
            scheduler.runDue();   // fires 06:00 UTC: starts generate-reports with the schedule's properties
            env.runUntilIdle();   // runs it
            scheduler.runDue();   // records how it ended

            assertThat(scheduler.getScheduleStatus("daily-reports").lastOutcome()).isEqualTo(RunOutcome.COMPLETED);
        }
        // end::schedule-testkit[]
    }

    @Test
    void the_example_scheduler_loads_the_config_directory_and_runs_the_report() {
        try (WorkflowRunner runner = WorkflowRunner.builder().build()) {
            runner.registerWorkflow(ScheduledReports.generateReports());
            runner.initialize();
            try (WorkflowScheduler scheduler = ScheduledReports.start(runner, Path.of("config/schedules"))) {
                Instant next = scheduler.getScheduleStatus("daily-reports").nextFireTime();
                assertThat(next.atZone(java.time.ZoneOffset.UTC).toLocalTime()).isEqualTo(java.time.LocalTime.of(6, 0));
            }
        }
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            env.runner().registerWorkflow(ScheduledReports.generateReports());
            LocalWorkflowScheduler scheduler = WorkflowScheduler.builder(env.runner()).buildLocal();
            ScheduleFiles.apply(scheduler, ScheduleFiles.readDirectory(Path.of("config/schedules")));
            env.clock().advance(Duration.ofHours(6));
            scheduler.runDue();
            env.runUntilIdle();
            InstanceInfo run = env.runner().findInstances(InstanceQuery.all(10)).get(0);
            assertThat(run.status()).isEqualTo(WorkflowStatus.COMPLETED);
            assertThat(Json.convert(run.data(), ScheduledReports.Reports.class).written)
                    .containsExactly("/reports/daily/sales", "/reports/daily/inventory", "/reports/daily/analytics");
        }
    }
}
