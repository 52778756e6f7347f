package io.reactory.workflow.scheduling;

import static io.reactory.workflow.scheduling.TestSchedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Misfires after downtime, overlap, retries and timeouts of scheduled runs, under the controllable clock. */
class SchedulerPoliciesTest {
    private static final Instant NINE_THIRTY = Instant.parse("2026-01-01T09:30:00Z");
    private static final Instant TEN = Instant.parse("2026-01-01T10:00:00Z");
    private final SchedulerHarness h = new SchedulerHarness(NINE_THIRTY);

    @AfterEach
    void close() {
        h.close();
    }

    /** Fires at 10:00, stops the engine for five hours, starts it again at 15:00. */
    private List<InstanceInfo> runsAfterFiveHoursDown(TestSchedules config, Instant restartAt) {
        h.scheduler.addSchedule(config.build());
        h.advanceTo(TEN);
        assertThat(h.instances("report")).hasSize(1);
        h.stop();
        h.clock.set(restartAt);
        h.start();
        h.advanceTo(restartAt.plusSeconds(59));
        // Runs caught up in one pass are created at the same clock time: order them by their fire time.
        return h.instances("report").stream().filter(i -> i.createdAt().isAfter(TEN))
                .sorted(java.util.Comparator.comparing(i -> i.metadata().get("reactory.fireTime"))).toList();
    }

    @Test
    void after_five_hours_down_an_hourly_schedule_runs_once_by_default() {
        List<InstanceInfo> runs = runsAfterFiveHoursDown(schedule("hourly", "0 * * * *"),
                Instant.parse("2026-01-01T15:00:00Z"));
        assertThat(runs).singleElement().satisfies(run -> {
            assertThat(run.metadata()).containsEntry("reactory.fireTime", "2026-01-01T15:00:00Z");
            assertThat(run.status()).isEqualTo(WorkflowStatus.COMPLETED);
        });
        assertThat(h.events(SchedulerEvent.Skipped.class)).singleElement().satisfies(skip -> {
            assertThat(skip.reason()).isEqualTo(SchedulerEvent.SkipReason.MISFIRE);
            assertThat(skip.count()).isEqualTo(4);
        });
        assertThat(h.scheduler.getScheduleStatus("hourly").skipped()).isEqualTo(4);
    }

    @Test
    void after_five_hours_down_an_hourly_schedule_with_fire_all_runs_five_times_in_order() {
        List<InstanceInfo> runs = runsAfterFiveHoursDown(schedule("hourly", "0 * * * *").misfire("fire-all"),
                Instant.parse("2026-01-01T15:00:00Z"));
        assertThat(runs).hasSize(5).allSatisfy(run -> assertThat(run.status()).isEqualTo(WorkflowStatus.COMPLETED));
        assertThat(runs).extracting(run -> run.metadata().get("reactory.fireTime")).containsExactly(
                "2026-01-01T11:00:00Z", "2026-01-01T12:00:00Z", "2026-01-01T13:00:00Z", "2026-01-01T14:00:00Z",
                "2026-01-01T15:00:00Z");
        assertThat(h.maxInFlight("report")).contains(1);
        assertThat(h.events(SchedulerEvent.Fired.class).get(1).lateness()).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void after_downtime_skip_runs_nothing_for_the_missed_times_and_fire_once_the_latest() {
        assertThat(runsAfterFiveHoursDown(schedule("hourly", "0 * * * *").misfire("skip"),
                Instant.parse("2026-01-01T15:30:00Z"))).isEmpty();
        assertThat(h.scheduler.getScheduleStatus("hourly").nextFireTime())
                .isEqualTo(Instant.parse("2026-01-01T16:00:00Z"));
    }

    @Test
    void after_downtime_fire_once_late_runs_the_latest_missed_time() {
        assertThat(runsAfterFiveHoursDown(schedule("hourly", "0 * * * *"), Instant.parse("2026-01-01T15:30:00Z")))
                .singleElement().satisfies(run -> assertThat(run.metadata())
                        .containsEntry("reactory.fireTime", "2026-01-01T15:00:00Z"));
    }

    @Test
    void after_downtime_only_missed_times_inside_the_catch_up_window_run() {
        List<InstanceInfo> runs = runsAfterFiveHoursDown(schedule("hourly", "0 * * * *").misfire("fire-all")
                .catchUpWindow("PT2H30M"), Instant.parse("2026-01-01T15:00:00Z"));
        assertThat(runs).extracting(run -> run.metadata().get("reactory.fireTime"))
                .containsExactly("2026-01-01T13:00:00Z", "2026-01-01T14:00:00Z", "2026-01-01T15:00:00Z");
    }

    @Test
    void a_schedule_every_minute_whose_workflow_takes_three_minutes_never_overlaps() {
        h.scheduler.addSchedule(schedule("every-minute", "* * * * *").workflow("slow").maxConcurrent(1).build());
        h.advanceTo(NINE_THIRTY.plus(Duration.ofMinutes(30)));

        List<InstanceInfo> runs = h.instances("slow");
        assertThat(h.maxInFlight("slow")).contains(1);
        assertThat(runs).extracting(InstanceInfo::createdAt).containsExactly(
                at("09:31"), at("09:35"), at("09:39"), at("09:43"), at("09:47"), at("09:51"), at("09:55"), at("09:59"));
        for (int i = 1; i < runs.size(); i++) {
            assertThat(runs.get(i).createdAt()).isAfterOrEqualTo(runs.get(i - 1).completedAt());
        }
        assertThat(h.events(SchedulerEvent.Skipped.class)).allSatisfy(
                skip -> assertThat(skip.reason()).isEqualTo(SchedulerEvent.SkipReason.OVERLAP)).hasSize(22);
    }

    @Test
    void buffer_one_starts_one_waiting_run_as_soon_as_the_previous_one_ends() {
        h.scheduler.addSchedule(schedule("every-minute", "* * * * *").workflow("slow").overlap("buffer-one").build());
        h.advanceTo(NINE_THIRTY.plus(Duration.ofMinutes(11)));

        List<InstanceInfo> runs = h.instances("slow");
        assertThat(h.maxInFlight("slow")).contains(1);
        assertThat(runs).extracting(InstanceInfo::createdAt)
                .containsExactly(at("09:31"), at("09:34"), at("09:37"), at("09:40"));
        // At 09:34 the fire time comes before the engine ends the first run: the queue is full, 09:34 is skipped.
        assertThat(runs).extracting(run -> run.metadata().get("reactory.fireTime")).containsExactly(
                "2026-01-01T09:31:00Z", "2026-01-01T09:32:00Z", "2026-01-01T09:35:00Z", "2026-01-01T09:38:00Z");
        ScheduledWorkflow status = h.scheduler.getScheduleStatus("every-minute");
        assertThat(status.runsInFlight()).isEqualTo(1);
        assertThat(status.runsWaiting()).isEqualTo(1); // 09:41, behind the run started at 09:40
    }

    @Test
    void allow_with_max_concurrent_runs_that_many_at_once_and_queues_the_rest() {
        h.scheduler.addSchedule(schedule("every-minute", "* * * * *").workflow("slow").overlap("allow")
                .maxConcurrent(2).build());
        h.advanceTo(NINE_THIRTY.plus(Duration.ofMinutes(10)));
        assertThat(h.maxInFlight("slow")).contains(2);
        assertThat(h.events(SchedulerEvent.Skipped.class)).isEmpty();
        ScheduledWorkflow status = h.scheduler.getScheduleStatus("every-minute");
        assertThat(status.runsWaiting() + status.fired()).isEqualTo(10);
    }

    @Test
    void a_failed_run_is_retried_after_the_delay_with_a_new_instance_until_it_succeeds() {
        h.flakyFailures.set(1);
        h.scheduler.addSchedule(schedule("flaky", "0 10 * * *").workflow("flaky").retry(3, 300L).build());
        h.advanceTo(at("10:30"));

        List<InstanceInfo> runs = h.instances("flaky");
        assertThat(runs).extracting(InstanceInfo::status).containsExactly(WorkflowStatus.FAILED, WorkflowStatus.COMPLETED);
        assertThat(runs.get(1).createdAt()).isEqualTo(at("10:05"));
        assertThat(runs.get(1).metadata()).containsEntry("reactory.attempt", "2");
        assertThat(h.events(SchedulerEvent.AttemptFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.retryAt()).isEqualTo(at("10:05"));
            assertThat(failed.error()).contains("the workflow failed (STEP_FAILED) at step 'call'")
                    .doesNotContain("upstream unavailable");
        });
        ScheduledWorkflow status = h.scheduler.getScheduleStatus("flaky");
        assertThat(status.lastOutcome()).isEqualTo(RunOutcome.COMPLETED);
        assertThat(status.consecutiveFailures()).isZero();
    }

    @Test
    void a_run_that_fails_every_attempt_ends_failed_and_counts_a_consecutive_failure() {
        h.flakyFailures.set(100);
        h.scheduler.addSchedule(schedule("flaky", "0 10 * * *").workflow("flaky").retry(3, 300L).build());
        h.advanceTo(at("10:30"));

        assertThat(h.instances("flaky")).extracting(InstanceInfo::createdAt)
                .containsExactly(at("10:00"), at("10:05"), at("10:10"));
        List<SchedulerEvent.AttemptFailed> failures = h.events(SchedulerEvent.AttemptFailed.class);
        assertThat(failures).extracting(SchedulerEvent.AttemptFailed::attempt).containsExactly(1, 2, 3);
        assertThat(failures.get(2).retryAt()).isNull();
        assertThat(h.events(SchedulerEvent.RunFinished.class)).singleElement().satisfies(finished -> {
            assertThat(finished.outcome()).isEqualTo(RunOutcome.FAILED);
            assertThat(finished.attempts()).isEqualTo(3);
        });
        ScheduledWorkflow status = h.scheduler.getScheduleStatus("flaky");
        assertThat(status.lastOutcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(status.consecutiveFailures()).isEqualTo(1);
        assertThat(status.lastError()).contains("STEP_FAILED").contains("'call'").doesNotContain("upstream unavailable");
        assertThat(status.runsInFlight()).isZero();

        h.advanceTo(Instant.parse("2026-01-02T10:30:00Z"));
        assertThat(h.scheduler.getScheduleStatus("flaky").consecutiveFailures()).isEqualTo(2);
    }

    @Test
    void a_run_past_its_timeout_is_cancelled_and_reported_timed_out() {
        h.scheduler.addSchedule(schedule("long", "0 10 * * *").workflow("long").timeout(1800L).build());
        h.advanceTo(at("11:30"));

        assertThat(h.instances("long")).singleElement().satisfies(run -> {
            assertThat(run.status()).isEqualTo(WorkflowStatus.CANCELLED);
            assertThat(run.completedAt()).isEqualTo(at("10:30"));
        });
        ScheduledWorkflow status = h.scheduler.getScheduleStatus("long");
        assertThat(status.lastOutcome()).isEqualTo(RunOutcome.TIMED_OUT);
        assertThat(status.lastError()).contains("timeout");
        assertThat(status.consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void a_timed_out_attempt_is_retried_when_attempts_remain() {
        h.scheduler.addSchedule(schedule("long", "0 10 * * *").workflow("long").timeout(1800L).retry(2, 60L).build());
        h.advanceTo(at("12:00"));
        assertThat(h.instances("long")).extracting(InstanceInfo::createdAt, InstanceInfo::status).containsExactly(
                org.assertj.core.api.Assertions.tuple(at("10:00"), WorkflowStatus.CANCELLED),
                org.assertj.core.api.Assertions.tuple(at("10:31"), WorkflowStatus.CANCELLED));
        assertThat(h.scheduler.getScheduleStatus("long").lastOutcome()).isEqualTo(RunOutcome.TIMED_OUT);
    }

    @Test
    void a_start_the_engine_refuses_is_a_failed_attempt_and_is_retried() {
        java.util.concurrent.atomic.AtomicInteger refusals = new java.util.concurrent.atomic.AtomicInteger(1);
        h.env.runner().addStartInterceptor(request -> {
            if (refusals.getAndDecrement() > 0) {
                throw new IllegalArgumentException("quota exceeded");
            }
            return request;
        });
        h.scheduler.addSchedule(schedule("guarded", "0 10 * * *").retry(2, 120L).build());
        h.advanceTo(at("10:30"));
        assertThat(h.instances("report")).singleElement()
                .satisfies(run -> assertThat(run.createdAt()).isEqualTo(at("10:02")));
        assertThat(h.events(SchedulerEvent.AttemptFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.instanceId()).isNull();
            assertThat(failed.error()).contains("could not start").contains("quota exceeded");
        });
    }

    @Test
    void an_instance_of_another_workflow_holding_a_runs_key_is_not_taken_for_the_run() {
        // e.g. left by an earlier schedule of the same id that started another workflow
        String foreign = h.env.runner().startWorkflow("slow", null, null, io.reactory.workflow.api.StartOptions.DEFAULT
                .withIdempotencyKey(RunStarter.idempotencyKey("daily", at("10:00"), 1)));
        h.scheduler.addSchedule(schedule("daily", "0 10 * * *").retry(2, 60L).build());
        h.advanceTo(at("10:30"));

        assertThat(h.events(SchedulerEvent.AttemptFailed.class)).singleElement().satisfies(failed -> {
            assertThat(failed.instanceId()).isNull();
            assertThat(failed.error()).contains("IdempotencyConflictException");
        });
        assertThat(h.instances("report")).singleElement().satisfies(run -> {
            assertThat(run.createdAt()).isEqualTo(at("10:01"));
            assertThat(run.status()).isEqualTo(WorkflowStatus.COMPLETED);
        });
        assertThat(h.events(SchedulerEvent.Fired.class)).extracting(SchedulerEvent.Fired::instanceId)
                .doesNotContain(foreign);
        assertThat(h.scheduler.getScheduleStatus("daily").lastOutcome()).isEqualTo(RunOutcome.COMPLETED);
    }

    @Test
    void a_failed_runs_record_and_events_keep_the_engines_reason_and_error_type_but_not_the_step_message() {
        h.env.runner().registerWorkflow(io.reactory.workflow.definition.WorkflowDefinition.define("charge", "1",
                SchedulerHarness.ReportData.class, b -> b
                        .startWith("charge-card", ctx -> {
                            throw new IllegalStateException("card 4111-1111-1111-1111 was declined");
                        })
                        .retry(io.reactory.workflow.resilience.RetryOptions.NONE)));
        h.scheduler.addSchedule(schedule("billing", "0 10 * * *").workflow("charge").build());
        h.advanceTo(at("10:30"));

        ScheduledWorkflow status = h.scheduler.getScheduleStatus("billing");
        assertThat(status.lastOutcome()).isEqualTo(RunOutcome.FAILED);
        assertThat(status.lastError()).isEqualTo("the workflow failed (STEP_FAILED) at step 'charge-card':"
                + " IllegalStateException");
        assertThat(h.events(SchedulerEvent.AttemptFailed.class)).extracting(SchedulerEvent.AttemptFailed::error)
                .singleElement().isEqualTo(status.lastError());
        assertThat(h.events(SchedulerEvent.RunFinished.class)).extracting(SchedulerEvent.RunFinished::error)
                .singleElement().asString().doesNotContain("4111");
        // the message stays where users look for it: the instance's error records
        String instanceId = h.instances("charge").get(0).instanceId();
        assertThat(h.env.runner().errorHandler().errors(instanceId)).singleElement()
                .satisfies(r -> assertThat(r.message()).contains("4111"));
    }

    private static Instant at(String time) {
        return Instant.parse("2026-01-01T" + time + ":00Z");
    }
}
