package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.config.ScheduleConfig;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronPreviewTest {
    /** London springs forward on 29 March 2026: 01:30 local does not exist that day. */
    private static final Instant BEFORE_THE_GAP = Instant.parse("2026-03-27T12:00:00Z");

    private static ScheduleConfig.Timing timing(String cron, String zone, String dstGap, String dstOverlap) {
        return new ScheduleConfig.Timing(cron, zone, true, null, null, null, dstGap, dstOverlap);
    }

    @Test
    void a_time_the_clocks_skip_is_shifted_by_default_and_left_out_when_the_schedule_says_skip() {
        assertThat(CronPreview.next(timing("30 1 * * *", "Europe/London", null, null), BEFORE_THE_GAP, 3)).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-29T01:30:00Z"),
                Instant.parse("2026-03-30T00:30:00Z"));
        assertThat(CronPreview.next(timing("30 1 * * *", "Europe/London", "skip", null), BEFORE_THE_GAP, 2)).containsExactly(
                Instant.parse("2026-03-28T01:30:00Z"), Instant.parse("2026-03-30T00:30:00Z"));
    }

    @Test
    void a_time_that_occurs_twice_fires_once_unless_the_schedule_says_both() {
        // London falls back on 25 October 2026: 01:30 local happens at 00:30Z and again at 01:30Z
        Instant before = Instant.parse("2026-10-24T12:00:00Z");
        assertThat(CronPreview.next(timing("30 1 * * *", "Europe/London", null, null), before, 2)).containsExactly(
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-26T01:30:00Z"));
        assertThat(CronPreview.next(timing("30 1 * * *", "Europe/London", null, "both"), before, 2)).containsExactly(
                Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z"));
    }

    @Test
    void without_a_zone_times_are_utc_and_seconds_and_macros_are_understood() {
        assertThat(CronPreview.next(timing("@daily", null, null, null), BEFORE_THE_GAP, 1))
                .containsExactly(Instant.parse("2026-03-28T00:00:00Z"));
        assertThat(CronPreview.next(timing("15 * * * * *", "", null, null), BEFORE_THE_GAP, 2))
                .containsExactly(Instant.parse("2026-03-27T12:00:15Z"), Instant.parse("2026-03-27T12:01:15Z"));
    }

    @Test
    void a_wrong_expression_zone_or_policy_is_named() {
        assertThatThrownBy(() -> CronPreview.next(timing("0 24 * * *", null, null, null), BEFORE_THE_GAP, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("hour");
        assertThatThrownBy(() -> CronPreview.next(timing("0 9 * * *", "Europe/Londn", null, null), BEFORE_THE_GAP, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Europe/Londn");
        assertThatThrownBy(() -> CronPreview.next(timing("0 9 * * *", null, "sometimes", null), BEFORE_THE_GAP, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shift, skip");
        assertThatThrownBy(() -> CronPreview.next(timing(null, null, null, null), BEFORE_THE_GAP, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schedule.cron");
    }
}
