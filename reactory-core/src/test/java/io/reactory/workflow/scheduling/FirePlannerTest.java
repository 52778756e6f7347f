package io.reactory.workflow.scheduling;

import static io.reactory.workflow.scheduling.TestSchedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.persistence.ScheduleFire;
import io.reactory.workflow.persistence.StoredSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The misfire and overlap decisions, without store or clock. */
class FirePlannerTest {
    private static final SchedulerOptions OPTIONS = SchedulerOptions.defaults("test");

    private static Instant at(String time) {
        return Instant.parse("2026-01-01T" + time + "Z");
    }

    private static StoredSchedule due(String nextFireTime) {
        StoredSchedule stored = new StoredSchedule();
        stored.id = "s";
        stored.nextFireTime = at(nextFireTime);
        return stored;
    }

    private static ScheduleFire fire(String time, ScheduleFire.State state) {
        ScheduleFire f = new ScheduleFire();
        f.scheduleId = "s";
        f.fireTime = at(time);
        f.state = state;
        f.attempt = 1;
        return f;
    }

    private static FirePlanner.Plan plan(TestSchedules config, String next, String now, ScheduleFire... open) {
        return FirePlanner.plan(Schedule.from(config.build()), due(next), List.of(open), at(now), OPTIONS);
    }

    private static List<Instant> times(String... texts) {
        List<Instant> list = new ArrayList<>();
        for (String t : texts) {
            list.add(at(t));
        }
        return list;
    }

    @Test
    void a_fire_time_that_has_come_starts_a_run_and_the_next_one_is_computed() {
        FirePlanner.Plan plan = plan(schedule("s", "0 * * * *"), "10:00:00", "10:00:00.005");
        assertThat(plan.start()).containsExactlyElementsOf(times("10:00:00"));
        assertThat(plan.buffer()).isEmpty();
        assertThat(plan.skips()).isEmpty();
        assertThat(plan.nextFireTime()).isEqualTo(at("11:00:00"));
    }

    @Test
    void fire_times_late_by_less_than_the_misfire_threshold_all_fire() {
        FirePlanner.Plan plan = plan(schedule("s", "*/10 * * * * *").overlap("allow"), "10:00:00", "10:00:25");
        assertThat(plan.start()).containsExactlyElementsOf(times("10:00:00", "10:00:10", "10:00:20"));
        assertThat(plan.nextFireTime()).isEqualTo(at("10:00:30"));
    }

    @Test
    void after_five_hours_down_an_hourly_schedule_fires_once_by_default() {
        FirePlanner.Plan plan = plan(schedule("s", "0 * * * *"), "11:00:00", "15:00:00");
        assertThat(plan.start()).containsExactlyElementsOf(times("15:00:00"));
        assertThat(plan.skips()).singleElement().satisfies(skip -> {
            assertThat(skip.reason()).isEqualTo(SchedulerEvent.SkipReason.MISFIRE);
            assertThat(skip.count()).isEqualTo(4);
            assertThat(skip.first()).isEqualTo(at("11:00:00"));
            assertThat(skip.last()).isEqualTo(at("14:00:00"));
        });
        assertThat(plan.nextFireTime()).isEqualTo(at("16:00:00"));
    }

    @Test
    void fire_once_after_downtime_fires_the_latest_missed_time_when_none_is_due_now() {
        FirePlanner.Plan plan = plan(schedule("s", "0 * * * *"), "11:00:00", "15:30:00");
        assertThat(plan.start()).containsExactlyElementsOf(times("15:00:00"));
        assertThat(plan.skips()).singleElement().satisfies(skip -> assertThat(skip.count()).isEqualTo(4));
    }

    @Test
    void fire_all_after_five_hours_down_runs_every_missed_hour_one_after_another() {
        FirePlanner.Plan plan = plan(schedule("s", "0 * * * *").misfire("fire-all"), "11:00:00", "15:00:00");
        assertThat(plan.start()).containsExactlyElementsOf(times("11:00:00"));
        assertThat(plan.buffer()).containsExactlyElementsOf(times("12:00:00", "13:00:00", "14:00:00", "15:00:00"));
        assertThat(plan.skips()).isEmpty();
    }

    @Test
    void fire_all_with_room_starts_the_missed_runs_together() {
        FirePlanner.Plan plan = plan(schedule("s", "0 * * * *").misfire("fire-all").maxConcurrent(10),
                "11:00:00", "15:00:00");
        assertThat(plan.start()).hasSize(5);
    }

    @Test
    void fire_all_catches_up_only_inside_the_window() {
        FirePlanner.Plan plan = plan(schedule("s", "0 * * * *").misfire("fire-all").catchUpWindow("PT2H30M"),
                "11:00:00", "15:00:00");
        assertThat(plan.start()).containsExactlyElementsOf(times("13:00:00"));
        assertThat(plan.buffer()).containsExactlyElementsOf(times("14:00:00", "15:00:00"));
        assertThat(plan.skips()).singleElement().satisfies(skip -> {
            assertThat(skip.count()).isEqualTo(2);
            assertThat(skip.last()).isEqualTo(at("12:00:00"));
        });
    }

    @Test
    void fire_all_catches_up_at_most_the_catch_up_limit() {
        SchedulerOptions limited = OPTIONS.withCatchUpLimit(3);
        FirePlanner.Plan plan = FirePlanner.plan(Schedule.from(schedule("s", "0 * * * *").misfire("fire-all").build()),
                due("01:00:00"), List.of(), at("15:00:00"), limited);
        assertThat(plan.start()).containsExactlyElementsOf(times("13:00:00"));
        assertThat(plan.buffer()).containsExactlyElementsOf(times("14:00:00", "15:00:00"));
        assertThat(plan.skippedCount()).isEqualTo(12);
    }

    @Test
    void on_time_fire_times_beyond_the_catch_up_limit_are_counted_as_skipped_with_their_reason() {
        SchedulerOptions limited = OPTIONS.withCatchUpLimit(2);
        FirePlanner.Plan plan = FirePlanner.plan(Schedule.from(schedule("s", "*/5 * * * * *").overlap("allow").build()),
                due("10:00:00"), List.of(), at("10:00:25"), limited);
        assertThat(plan.start()).containsExactlyElementsOf(times("10:00:20", "10:00:25"));
        assertThat(plan.skips()).singleElement().satisfies(skip -> {
            assertThat(skip.reason()).isEqualTo(SchedulerEvent.SkipReason.CATCH_UP_LIMIT);
            assertThat(skip.count()).isEqualTo(4);
            assertThat(skip.first()).isEqualTo(at("10:00:00"));
            assertThat(skip.last()).isEqualTo(at("10:00:15"));
        });
        // every due fire time is accounted for: six were due, two run, four are counted as skipped
        assertThat(plan.start().size() + plan.buffer().size() + plan.skippedCount()).isEqualTo(6);
        assertThat(plan.nextFireTime()).isEqualTo(at("10:00:30"));
    }

    @Test
    void fire_once_with_a_window_that_holds_no_missed_time_fires_nothing() {
        FirePlanner.Plan plan = plan(schedule("s", "0 * * * *").catchUpWindow("PT10M"), "11:00:00", "15:30:00");
        assertThat(plan.start()).isEmpty();
        assertThat(plan.skippedCount()).isEqualTo(5);
        assertThat(plan.nextFireTime()).isEqualTo(at("16:00:00"));
    }

    @Test
    void skip_fires_none_of_the_missed_times_but_still_the_one_due_now() {
        assertThat(plan(schedule("s", "0 * * * *").misfire("skip"), "11:00:00", "15:30:00").start()).isEmpty();
        assertThat(plan(schedule("s", "0 * * * *").misfire("skip"), "11:00:00", "15:00:00").start())
                .containsExactlyElementsOf(times("15:00:00"));
    }

    @Test
    void a_due_time_while_a_run_is_in_flight_is_skipped_by_default() {
        FirePlanner.Plan plan = plan(schedule("s", "* * * * *"), "10:01:00", "10:01:00",
                fire("10:00:00", ScheduleFire.State.RUNNING));
        assertThat(plan.start()).isEmpty();
        assertThat(plan.buffer()).isEmpty();
        assertThat(plan.skips()).singleElement()
                .satisfies(skip -> assertThat(skip.reason()).isEqualTo(SchedulerEvent.SkipReason.OVERLAP));
    }

    @Test
    void buffer_one_queues_one_due_time_and_skips_further_ones() {
        FirePlanner.Plan first = plan(schedule("s", "* * * * *").overlap("buffer-one"), "10:01:00", "10:01:00",
                fire("10:00:00", ScheduleFire.State.RUNNING));
        assertThat(first.buffer()).containsExactlyElementsOf(times("10:01:00"));
        FirePlanner.Plan second = plan(schedule("s", "* * * * *").overlap("buffer-one"), "10:02:00", "10:02:00",
                fire("10:00:00", ScheduleFire.State.RUNNING), fire("10:01:00", ScheduleFire.State.BUFFERED));
        assertThat(second.buffer()).isEmpty();
        assertThat(second.skippedCount()).isEqualTo(1);
    }

    @Test
    void allow_overlaps_without_a_bound_and_queues_at_a_set_one() {
        assertThat(plan(schedule("s", "* * * * *").overlap("allow"), "10:01:00", "10:01:00",
                fire("10:00:00", ScheduleFire.State.RUNNING)).start()).hasSize(1);
        FirePlanner.Plan bounded = plan(schedule("s", "* * * * *").overlap("allow").maxConcurrent(1), "10:02:00",
                "10:02:00", fire("10:00:00", ScheduleFire.State.RUNNING), fire("10:01:00", ScheduleFire.State.BUFFERED));
        assertThat(bounded.buffer()).containsExactlyElementsOf(times("10:02:00"));
    }

    @Test
    void queued_runs_start_first_when_there_is_room() {
        FirePlanner.Plan plan = plan(schedule("s", "* * * * *").overlap("buffer-one"), "10:02:00", "10:02:00",
                fire("10:01:00", ScheduleFire.State.BUFFERED));
        assertThat(plan.promote()).extracting(f -> f.fireTime).containsExactly(at("10:01:00"));
        assertThat(plan.start()).isEmpty();
        assertThat(plan.buffer()).containsExactlyElementsOf(times("10:02:00"));
    }

    @Test
    void max_concurrent_above_one_lets_runs_overlap_up_to_it() {
        TestSchedules config = schedule("s", "* * * * *").maxConcurrent(2);
        assertThat(plan(config, "10:01:00", "10:01:00", fire("10:00:00", ScheduleFire.State.RUNNING)).start())
                .hasSize(1);
        assertThat(plan(config, "10:02:00", "10:02:00", fire("10:00:00", ScheduleFire.State.RUNNING),
                fire("10:01:00", ScheduleFire.State.STARTING)).skippedCount()).isEqualTo(1);
    }
}
