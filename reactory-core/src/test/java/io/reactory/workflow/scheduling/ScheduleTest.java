package io.reactory.workflow.scheduling;

import static io.reactory.workflow.scheduling.TestSchedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.config.ScheduleConfig;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ScheduleTest {

    private static void refused(ScheduleConfig config, String field, String problem) {
        assertThatThrownBy(() -> Schedule.from(config))
                .isInstanceOfSatisfying(InvalidScheduleException.class, e -> assertThat(e.field()).isEqualTo(field))
                .hasMessageContaining(field)
                .hasMessageContaining(problem);
    }

    @Test
    void the_specification_example_takes_its_values_and_the_documented_defaults() {
        ScheduleConfig config = new ScheduleConfig("daily-reports", "Daily Report Generation", "desc",
                new ScheduleConfig.WorkflowRef("generate-reports", "1.0", "reporting"),
                new ScheduleConfig.Timing("0 6 * * *", "UTC", true, null, null, null, null, null),
                java.util.Map.of("outputPath", "/reports/daily"), new ScheduleConfig.Retry(3, 300L), 1800L, 1);
        Schedule s = Schedule.from(config);
        assertThat(s.id()).isEqualTo("daily-reports");
        assertThat(s.name()).isEqualTo("Daily Report Generation");
        assertThat(s.workflowId()).isEqualTo("generate-reports");
        assertThat(s.workflowVersion()).isEqualTo("1.0");
        assertThat(s.namespace()).isEqualTo("reporting");
        assertThat(s.zone()).isEqualTo(ZoneId.of("UTC"));
        assertThat(s.attempts()).isEqualTo(3);
        assertThat(s.retryDelay()).isEqualTo(Duration.ofMinutes(5));
        assertThat(s.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(s.maxConcurrent()).isEqualTo(1);
        assertThat(s.misfire()).isEqualTo(MisfirePolicy.FIRE_ONCE);
        assertThat(s.catchUpWindow()).isNull();
        assertThat(s.overlap()).isEqualTo(OverlapPolicy.SKIP);
        assertThat(s.fireTimes().gapPolicy()).isEqualTo(DstGapPolicy.SHIFT);
        assertThat(s.fireTimes().overlapPolicy()).isEqualTo(DstOverlapPolicy.FIRST);
        assertThat(s.properties()).containsEntry("outputPath", "/reports/daily");
        assertThat(s.config()).isSameAs(config);
    }

    @Test
    void without_a_time_zone_retry_or_limits_it_runs_once_in_utc_without_overlap() {
        Schedule s = Schedule.from(schedule("plain", "@hourly").timezone(null).build());
        assertThat(s.zone()).isEqualTo(ZoneOffset.UTC);
        assertThat(s.attempts()).isEqualTo(1);
        assertThat(s.retryDelay()).isZero();
        assertThat(s.timeout()).isNull();
        assertThat(s.maxConcurrent()).isEqualTo(1);
        assertThat(s.enabled()).isTrue();
    }

    @Test
    void policies_are_read_in_their_yaml_spelling() {
        Schedule s = Schedule.from(schedule("p", "0 * * * *").misfire("fire-all").catchUpWindow("PT6H")
                .overlap("buffer-one").dst("skip", "both").build());
        assertThat(s.misfire()).isEqualTo(MisfirePolicy.FIRE_ALL);
        assertThat(s.catchUpWindow()).isEqualTo(Duration.ofHours(6));
        assertThat(s.overlap()).isEqualTo(OverlapPolicy.BUFFER_ONE);
        assertThat(s.fireTimes().gapPolicy()).isEqualTo(DstGapPolicy.SKIP);
        assertThat(s.fireTimes().overlapPolicy()).isEqualTo(DstOverlapPolicy.BOTH);
        assertThat(Schedule.from(schedule("q", "0 * * * *").catchUpWindow("3600").misfire("FIRE_ONCE").build())
                .catchUpWindow()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void allowing_overlap_lifts_the_concurrency_bound_unless_one_is_set() {
        assertThat(Schedule.from(schedule("a", "* * * * *").overlap("allow").build()).maxConcurrent())
                .isEqualTo(Integer.MAX_VALUE);
        assertThat(Schedule.from(schedule("a", "* * * * *").overlap("allow").maxConcurrent(3).build()).maxConcurrent())
                .isEqualTo(3);
    }

    @Test
    void each_invalid_field_is_named() {
        refused(schedule(null, "* * * * *").build(), "id", "is required");
        refused(schedule("has space", "* * * * *").build(), "id", "letters, digits");
        refused(schedule("x".repeat(101), "* * * * *").build(), "id", "100");
        refused(schedule("s", "* * * * *").workflow(" ").build(), "workflow.id", "is required");
        refused(schedule("s", "* * * * *").version("one").build(), "workflow.version", "dot-separated numbers");
        refused(schedule("s", null).build(), "schedule.cron", "is required");
        refused(schedule("s", "* * * * *").timezone("Europe/Londn").build(), "schedule.timezone",
                "unknown time zone 'Europe/Londn'");
        refused(schedule("s", "* * * * *").misfire("catch-up").build(), "schedule.misfire",
                "'catch-up' is not one of fire-once, fire-all, skip");
        refused(schedule("s", "* * * * *").overlap("queue").build(), "schedule.overlap", "skip, buffer-one, allow");
        refused(schedule("s", "* * * * *").dst("later", null).build(), "schedule.dstGap", "shift, skip");
        refused(schedule("s", "* * * * *").dst(null, "second").build(), "schedule.dstOverlap", "first, both");
        refused(schedule("s", "* * * * *").catchUpWindow("six hours").build(), "schedule.catchUpWindow",
                "ISO-8601");
        refused(schedule("s", "* * * * *").catchUpWindow("PT0S").build(), "schedule.catchUpWindow", "positive");
        refused(schedule("s", "* * * * *").retry(0, 10L).build(), "retry.attempts", "at least 1");
        refused(schedule("s", "* * * * *").retry(2, -1L).build(), "retry.delay", "negative");
        refused(schedule("s", "* * * * *").timeout(0L).build(), "timeout", "positive");
        refused(schedule("s", "* * * * *").maxConcurrent(0).build(), "maxConcurrent", "at least 1");
        refused(schedule("s", "0 0 30 2 *").build(), "schedule.cron", "never fires");
    }

    @Test
    void durations_so_long_that_fire_time_arithmetic_would_overflow_are_refused_naming_the_field() {
        refused(schedule("s", "* * * * *").timeout(Long.MAX_VALUE).build(), "timeout", "at most 31622400 seconds");
        refused(schedule("s", "* * * * *").timeout(366L * 24 * 3600 + 1).build(), "timeout", "366 days");
        refused(schedule("s", "* * * * *").retry(2, Long.MAX_VALUE).build(), "retry.delay", "at most 604800 seconds");
        refused(schedule("s", "* * * * *").catchUpWindow("PT999999999H").build(), "schedule.catchUpWindow",
                "at most 10 years");
        refused(schedule("s", "* * * * *").catchUpWindow(Long.toString(Long.MAX_VALUE)).build(),
                "schedule.catchUpWindow", "at most 10 years");

        Schedule longest = Schedule.from(schedule("s", "* * * * *").timeout(366L * 24 * 3600)
                .retry(2, 7L * 24 * 3600).catchUpWindow("P3660D").build());
        assertThat(longest.timeout()).isEqualTo(Duration.ofDays(366));
        assertThat(longest.retryDelay()).isEqualTo(Duration.ofDays(7));
        assertThat(longest.catchUpWindow()).isEqualTo(Duration.ofDays(3660));
    }

    @Test
    void a_bad_cron_expression_is_attributed_to_its_schedule_with_the_position() {
        assertThatThrownBy(() -> Schedule.from(schedule("nightly", "0 24 * * *").build()))
                .isInstanceOfSatisfying(InvalidCronExpressionException.class, e -> {
                    assertThat(e.scheduleId()).isEqualTo("nightly");
                    assertThat(e.fieldName()).isEqualTo("hour");
                    assertThat(e.column()).isEqualTo(3);
                })
                .hasMessageStartingWith("schedule 'nightly': schedule.cron: invalid cron expression '0 24 * * *'");
    }
}
