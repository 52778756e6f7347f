package io.reactory.workflow.scheduling;

import static io.reactory.workflow.scheduling.TestSchedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.internal.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Firing, properties, management operations and status, under the controllable clock. */
class SchedulerFiringTest {
    private final SchedulerHarness h = new SchedulerHarness(Instant.parse("2026-01-01T09:30:00Z"));

    @AfterEach
    void close() {
        h.close();
    }

    @Test
    void fires_at_each_fire_time_with_the_properties_as_input_data() {
        h.scheduler.addSchedule(schedule("hourly-report", "0 * * * *").property("reportType", "hourly")
                .property("reportTypes", List.of("sales", "inventory")).property("outputPath", "/reports").build());

        h.advanceTo(Instant.parse("2026-01-01T12:30:00Z"));

        List<InstanceInfo> runs = h.instances("report");
        assertThat(runs).extracting(InstanceInfo::createdAt).containsExactly(Instant.parse("2026-01-01T10:00:00Z"),
                Instant.parse("2026-01-01T11:00:00Z"), Instant.parse("2026-01-01T12:00:00Z"));
        assertThat(runs).allSatisfy(run -> {
            assertThat(run.status()).isEqualTo(WorkflowStatus.COMPLETED);
            SchedulerHarness.ReportData data = Json.convert(run.data(), SchedulerHarness.ReportData.class);
            assertThat(data.reportType).isEqualTo("hourly");
            assertThat(data.reportTypes).containsExactly("sales", "inventory");
            assertThat(data.outputPath).isEqualTo("/reports");
            assertThat(run.metadata()).containsEntry("reactory.scheduleId", "hourly-report");
        });
        assertThat(runs.get(0).metadata()).containsEntry("reactory.fireTime", "2026-01-01T10:00:00Z")
                .containsEntry("reactory.attempt", "1");
        assertThat(h.events(SchedulerEvent.Fired.class)).extracting(SchedulerEvent.Fired::lateness)
                .containsOnly(Duration.ZERO);
    }

    @Test
    void status_shows_next_and_last_fire_time_outcome_and_runs_in_flight() {
        h.scheduler.addSchedule(schedule("slow-one", "0 * * * *").workflow("slow").build());
        ScheduledWorkflow before = h.scheduler.getScheduleStatus("slow-one");
        assertThat(before.nextFireTime()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(before.lastFireTime()).isNull();
        assertThat(before.lastOutcome()).isNull();

        h.advanceTo(Instant.parse("2026-01-01T10:01:00Z"));
        ScheduledWorkflow running = h.scheduler.getScheduleStatus("slow-one");
        assertThat(running.lastFireTime()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(running.runsInFlight()).isEqualTo(1);
        assertThat(running.instanceIds()).hasSize(1);
        assertThat(running.nextFireTime()).isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));

        h.advanceTo(Instant.parse("2026-01-01T10:05:00Z"));
        ScheduledWorkflow done = h.scheduler.getScheduleStatus("slow-one");
        assertThat(done.runsInFlight()).isZero();
        assertThat(done.lastOutcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(done.lastOutcomeFireTime()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(done.consecutiveFailures()).isZero();
        assertThat(done.fired()).isEqualTo(1);
        assertThat(done.workflowId()).isEqualTo("slow");
        assertThat(done.cron()).isEqualTo("0 * * * *");
        assertThat(done.timezone()).isEqualTo("UTC");
    }

    @Test
    void a_schedule_in_a_time_zone_fires_at_its_local_time_across_the_spring_change() {
        h.clock.set(Instant.parse("2026-03-27T12:00:00Z"));
        h.scheduler.addSchedule(schedule("london-night", "30 1 * * *").timezone("Europe/London").build());
        h.advanceTo(Instant.parse("2026-03-30T12:00:00Z"));
        assertThat(h.instances("report")).extracting(InstanceInfo::createdAt).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"),   // 01:30 GMT
                Instant.parse("2026-03-29T01:30:00Z"),   // 02:30 BST: 01:30 did not exist
                Instant.parse("2026-03-30T00:30:00Z"));  // 01:30 BST
    }

    @Test
    void a_schedule_in_a_time_zone_fires_once_in_the_repeated_hour_of_the_autumn_change() {
        h.clock.set(Instant.parse("2026-10-31T12:00:00Z"));
        h.scheduler.addSchedule(schedule("ny-hourly", "30 * * * *").timezone("America/New_York").build());
        h.advanceTo(Instant.parse("2026-11-01T08:00:00Z"));
        List<Instant> fired = h.instances("report").stream().map(InstanceInfo::createdAt)
                .filter(t -> t.isAfter(Instant.parse("2026-11-01T04:00:00Z"))).toList();
        assertThat(fired).containsExactly(
                Instant.parse("2026-11-01T04:30:00Z"),   // 00:30 EDT
                Instant.parse("2026-11-01T05:30:00Z"),   // 01:30 EDT; 01:30 EST (06:30Z) is the repeat
                Instant.parse("2026-11-01T07:30:00Z"));  // 02:30 EST
    }

    @Test
    void a_disabled_schedule_never_fires() {
        h.scheduler.addSchedule(schedule("off", "* * * * *").enabled(false).build());
        h.advance(Duration.ofHours(1));
        assertThat(h.instances("report")).isEmpty();
        ScheduledWorkflow status = h.scheduler.getScheduleStatus("off");
        assertThat(status.enabled()).isFalse();
        assertThat(status.nextFireTime()).isNull();
    }

    @Test
    void a_paused_schedule_does_not_fire_and_resumes_from_the_next_fire_time_without_catching_up() {
        h.scheduler.addSchedule(schedule("p", "0 * * * *").build());
        h.scheduler.pauseSchedule("p");
        h.scheduler.pauseSchedule("p");
        h.advanceTo(Instant.parse("2026-01-01T13:30:00Z"));
        assertThat(h.instances("report")).isEmpty();
        assertThat(h.scheduler.getScheduleStatus("p").paused()).isTrue();

        h.scheduler.resumeSchedule("p");
        assertThat(h.scheduler.getScheduleStatus("p").nextFireTime()).isEqualTo(Instant.parse("2026-01-01T14:00:00Z"));
        h.advanceTo(Instant.parse("2026-01-01T14:30:00Z"));
        assertThat(h.instances("report")).extracting(InstanceInfo::createdAt)
                .containsExactly(Instant.parse("2026-01-01T14:00:00Z"));
    }

    @Test
    void updating_the_timing_recomputes_the_next_fire_time_and_other_changes_keep_it() {
        h.scheduler.addSchedule(schedule("u", "0 * * * *").build());
        h.scheduler.updateSchedule("u", schedule("u", "0 * * * *").property("reportType", "new").build());
        assertThat(h.scheduler.getScheduleStatus("u").nextFireTime()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
        h.scheduler.updateSchedule("u", schedule("u", "*/10 * * * *").property("reportType", "new").build());
        assertThat(h.scheduler.getScheduleStatus("u").nextFireTime()).isEqualTo(Instant.parse("2026-01-01T09:40:00Z"));

        h.advanceTo(Instant.parse("2026-01-01T09:45:00Z"));
        assertThat(Json.convert(h.instances("report").get(0).data(), SchedulerHarness.ReportData.class).reportType)
                .isEqualTo("new");
        assertThat(h.scheduler.getSchedule("u")).hasValueSatisfying(c -> assertThat(c.schedule().cron())
                .isEqualTo("*/10 * * * *"));
    }

    @Test
    void a_removed_schedule_stops_firing_and_its_running_instance_finishes() {
        h.scheduler.addSchedule(schedule("r", "0 * * * *").workflow("slow").build());
        h.advanceTo(Instant.parse("2026-01-01T10:01:00Z"));
        h.scheduler.removeSchedule("r");
        h.advanceTo(Instant.parse("2026-01-01T12:30:00Z"));
        assertThat(h.instances("slow")).singleElement()
                .satisfies(i -> assertThat(i.status()).isEqualTo(WorkflowStatus.COMPLETED));
        assertThatThrownBy(() -> h.scheduler.getScheduleStatus("r")).isInstanceOf(ScheduleNotFoundException.class)
                .hasMessage("no schedule 'r' exists");
        assertThatThrownBy(() -> h.scheduler.removeSchedule("r")).isInstanceOf(ScheduleNotFoundException.class);
        assertThat(h.scheduler.listSchedules()).isEmpty();
    }

    @Test
    void bad_additions_are_refused_with_the_reason() {
        h.scheduler.addSchedule(schedule("once", "0 * * * *").build());
        assertThatThrownBy(() -> h.scheduler.addSchedule(schedule("once", "0 * * * *").build()))
                .isInstanceOf(ScheduleAlreadyExistsException.class).hasMessage("a schedule 'once' already exists");
        assertThatThrownBy(() -> h.scheduler.addSchedule(schedule("x", "0 * * * *").workflow("nope").build()))
                .isInstanceOf(InvalidScheduleException.class)
                .hasMessage("schedule 'x': workflow.id: no workflow 'nope' is registered");
        assertThatThrownBy(() -> h.scheduler.addSchedule(schedule("x", "0 * * * *").version("2").build()))
                .hasMessageContaining("workflow.version: workflow 'report' has no registered version 2");
        assertThatThrownBy(() -> h.scheduler.addSchedule(schedule("x", "0 9 * * 8").build()))
                .isInstanceOf(InvalidCronExpressionException.class).hasMessageContaining("field 5 (day-of-week)");
        assertThatThrownBy(() -> h.scheduler.updateSchedule("once", schedule("other", "0 * * * *").build()))
                .hasMessageContaining("must be the id of the schedule being updated");
        assertThatThrownBy(() -> h.scheduler.updateSchedule("missing", schedule("missing", "0 * * * *").build()))
                .isInstanceOf(ScheduleNotFoundException.class);
        assertThatThrownBy(() -> h.scheduler.pauseSchedule("missing")).isInstanceOf(ScheduleNotFoundException.class);
    }

    @Test
    void the_version_is_matched_like_the_runner_does() {
        h.scheduler.addSchedule(schedule("v", "0 * * * *").version("1.0").build());
        h.advanceTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(h.instances("report")).singleElement().satisfies(i -> assertThat(i.version()).isEqualTo("1"));
    }

    @Test
    void schedules_survive_a_restart_and_stats_count_them() {
        h.scheduler.addSchedule(schedule("a", "0 * * * *").build());
        h.scheduler.addSchedule(schedule("b", "0 * * * *").build());
        h.scheduler.pauseSchedule("b");
        h.scheduler.addSchedule(schedule("c", "0 * * * *").enabled(false).build());
        h.stop();
        h.start();
        SchedulerStats stats = h.scheduler.getSchedulerStats();
        assertThat(stats.schedules()).isEqualTo(3);
        assertThat(stats.active()).isEqualTo(1);
        assertThat(stats.paused()).isEqualTo(1);
        assertThat(stats.disabled()).isEqualTo(1);
        assertThat(stats.nextFireTime()).isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));

        h.advanceTo(Instant.parse("2026-01-01T10:00:00Z"));
        assertThat(h.instances("report")).hasSize(1);
        assertThat(h.scheduler.getSchedulerStats().fired()).isEqualTo(1);
        assertThat(h.scheduler.getSchedulerStats().completed()).isEqualTo(1);
        assertThat(h.scheduler.listSchedules()).extracting(ScheduledWorkflow::scheduleId).containsExactly("a", "b", "c");
    }
}
