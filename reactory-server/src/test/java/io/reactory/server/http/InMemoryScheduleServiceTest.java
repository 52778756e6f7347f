package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.testing.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryScheduleServiceTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-27T12:00:00Z"));
    private final InMemoryScheduleService schedules = new InMemoryScheduleService("report"::equals, List.of(), clock);

    private static ScheduleConfig schedule(String id, String cron, String zone, Boolean enabled) {
        return new ScheduleConfig(id, null, null, new ScheduleConfig.WorkflowRef("report", null, null),
                new ScheduleConfig.Timing(cron, zone, enabled, null, null, null, null, null), Map.of(), null, null, null);
    }

    @Test
    void the_status_shows_the_next_fire_time_in_the_schedules_zone_and_none_while_paused_or_disabled() {
        schedules.create(schedule("daily", "0 9 * * *", "Europe/London", null));
        ScheduleStatus status = schedules.status("daily").orElseThrow();
        assertThat(status.nextFireTime()).isEqualTo(Instant.parse("2026-03-28T09:00:00Z"));
        assertThat(status.lastFireTime()).isNull();
        assertThat(status.paused()).isFalse();

        assertThat(schedules.pause("daily")).isTrue();
        assertThat(schedules.pause("daily")).isTrue();
        assertThat(schedules.status("daily").orElseThrow().paused()).isTrue();
        assertThat(schedules.status("daily").orElseThrow().nextFireTime()).isNull();
        assertThat(schedules.resume("daily")).isTrue();
        assertThat(schedules.status("daily").orElseThrow().nextFireTime()).isEqualTo(Instant.parse("2026-03-28T09:00:00Z"));

        schedules.create(schedule("off", "0 9 * * *", null, false));
        assertThat(schedules.status("off").orElseThrow().enabled()).isFalse();
        assertThat(schedules.status("off").orElseThrow().nextFireTime()).isNull();
    }

    @Test
    void unknown_schedules_have_no_status_and_cannot_be_paused() {
        assertThat(schedules.status("nope")).isEmpty();
        assertThat(schedules.pause("nope")).isFalse();
        assertThat(schedules.resume("nope")).isFalse();
    }

    @Test
    void a_deleted_schedule_forgets_that_it_was_paused() {
        schedules.create(schedule("daily", "0 9 * * *", null, null));
        schedules.pause("daily");
        schedules.delete("daily");
        schedules.create(schedule("daily", "0 9 * * *", null, null));
        assertThat(schedules.status("daily").orElseThrow().paused()).isFalse();
    }

    @Test
    void the_preview_follows_the_zone_across_a_clock_change() {
        // London moves to summer time on 29 March 2026: 09:00 local is 09:00Z before, 08:00Z after
        List<Instant> next = schedules.preview(new ScheduleConfig.Timing("0 9 * * *", "Europe/London", null, null, null,
                null, null, null), clock.instant(), 3);
        assertThat(next).containsExactly(Instant.parse("2026-03-28T09:00:00Z"), Instant.parse("2026-03-29T08:00:00Z"),
                Instant.parse("2026-03-30T08:00:00Z"));
        assertThat(schedules.preview(new ScheduleConfig.Timing("0 9 * * *", null, null, null, null, null, null, null),
                clock.instant(), 1)).containsExactly(Instant.parse("2026-03-28T09:00:00Z"));
    }

    @Test
    void invalid_schedules_are_refused_naming_the_field() {
        assertThatThrownBy(() -> schedules.create(schedule("bad", "0 25 * * *", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schedule.cron").hasMessageContaining("hour");
        assertThatThrownBy(() -> schedules.create(schedule("bad", "0 9 * * *", "Mars/Olympus", null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schedule.timezone");
        assertThatThrownBy(() -> schedules.preview(new ScheduleConfig.Timing("61 * * * *", null, null, null, null, null,
                null, null), clock.instant(), 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minute");
        assertThat(schedules.list()).isEmpty();
    }
}
