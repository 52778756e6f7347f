package io.reactory.workflow.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Daylight-saving transitions, as DESIGN.md sets them out. 2026 clock changes: Europe/London springs forward on
 * 29 March at 01:00 GMT (01:00–02:00 local does not exist) and falls back on 25 October at 02:00 BST (01:00–02:00
 * local happens twice); America/New_York springs forward on 8 March at 02:00 EST and falls back on 1 November at
 * 02:00 EDT.
 */
class FireTimesDstTest {
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static FireTimes times(String cron, ZoneId zone, DstGapPolicy gap, DstOverlapPolicy overlap) {
        return new FireTimes(CronExpression.parse(cron), zone, gap, overlap);
    }

    private static FireTimes defaults(String cron, ZoneId zone) {
        return times(cron, zone, DstGapPolicy.SHIFT, DstOverlapPolicy.FIRST);
    }

    private static List<Instant> between(FireTimes times, String from, String to) {
        return times.between(Instant.parse(from), Instant.parse(to), 1000);
    }

    private static List<Instant> instants(String... texts) {
        List<Instant> list = new ArrayList<>();
        for (String t : texts) {
            list.add(Instant.parse(t));
        }
        return list;
    }

    @Nested
    class EuropeLondon {
        @Test
        void daily_at_a_time_the_spring_change_skips_fires_once_shifted_by_the_gap() {
            assertThat(between(defaults("30 1 * * *", LONDON), "2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z"))
                    .containsExactlyElementsOf(instants(
                            "2026-03-28T01:30:00Z",    // 01:30 GMT
                            "2026-03-29T01:30:00Z",    // 01:30 does not exist: 02:30 BST
                            "2026-03-30T00:30:00Z"));  // 01:30 BST
        }

        @Test
        void daily_at_a_time_the_spring_change_skips_does_not_fire_that_day_with_skip() {
            FireTimes times = times("30 1 * * *", LONDON, DstGapPolicy.SKIP, DstOverlapPolicy.FIRST);
            assertThat(between(times, "2026-03-27T12:00:00Z", "2026-03-30T12:00:00Z"))
                    .containsExactlyElementsOf(instants("2026-03-28T01:30:00Z", "2026-03-30T00:30:00Z"));
        }

        @Test
        void daily_at_a_time_the_autumn_change_repeats_fires_once_at_the_first_occurrence() {
            assertThat(between(defaults("30 1 * * *", LONDON), "2026-10-23T12:00:00Z", "2026-10-26T12:00:00Z"))
                    .containsExactlyElementsOf(instants(
                            "2026-10-24T00:30:00Z",    // 01:30 BST
                            "2026-10-25T00:30:00Z",    // 01:30 BST, the first of two
                            "2026-10-26T01:30:00Z"));  // 01:30 GMT
        }

        @Test
        void daily_at_a_time_the_autumn_change_repeats_fires_twice_with_both() {
            FireTimes times = times("30 1 * * *", LONDON, DstGapPolicy.SHIFT, DstOverlapPolicy.BOTH);
            assertThat(between(times, "2026-10-24T12:00:00Z", "2026-10-26T12:00:00Z"))
                    .containsExactlyElementsOf(instants(
                            "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z", "2026-10-26T01:30:00Z"));
        }

        @Test
        void daily_at_an_unaffected_time_keeps_its_local_time_across_both_changes() {
            FireTimes times = defaults("0 9 * * *", LONDON);
            assertThat(between(times, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"))
                    .containsExactlyElementsOf(instants("2026-03-28T09:00:00Z", "2026-03-29T08:00:00Z"));
            assertThat(between(times, "2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z"))
                    .containsExactlyElementsOf(instants("2026-10-24T08:00:00Z", "2026-10-25T09:00:00Z"));
        }

        @Test
        void hourly_across_the_spring_change_fires_every_real_hour_once_with_either_gap_policy() {
            for (DstGapPolicy gap : DstGapPolicy.values()) {
                FireTimes times = times("0 * * * *", LONDON, gap, DstOverlapPolicy.FIRST);
                assertThat(between(times, "2026-03-28T23:30:00Z", "2026-03-29T03:30:00Z")).as(gap.name())
                        .containsExactlyElementsOf(instants(
                                "2026-03-29T00:00:00Z",   // 00:00 GMT
                                "2026-03-29T01:00:00Z",   // 02:00 BST (01:00 shifted onto it: once)
                                "2026-03-29T02:00:00Z",   // 03:00 BST
                                "2026-03-29T03:00:00Z"));
            }
        }

        @Test
        void hourly_at_half_past_across_the_spring_change_fires_once_for_the_skipped_and_the_shifted_hour() {
            assertThat(between(defaults("30 * * * *", LONDON), "2026-03-29T00:00:00Z", "2026-03-29T03:00:00Z"))
                    .containsExactlyElementsOf(instants(
                            "2026-03-29T00:30:00Z", "2026-03-29T01:30:00Z", "2026-03-29T02:30:00Z"));
        }

        @Test
        void hourly_across_the_autumn_change_skips_the_repeated_hour_by_default() {
            assertThat(between(defaults("0 * * * *", LONDON), "2026-10-24T22:30:00Z", "2026-10-25T02:30:00Z"))
                    .containsExactlyElementsOf(instants(
                            "2026-10-24T23:00:00Z",   // 00:00 BST
                            "2026-10-25T00:00:00Z",   // 01:00 BST
                            "2026-10-25T02:00:00Z")); // 02:00 GMT; 01:00 GMT (01:00Z) is the repeat
        }

        @Test
        void hourly_across_the_autumn_change_fires_the_repeated_hour_too_with_both() {
            FireTimes times = times("0 * * * *", LONDON, DstGapPolicy.SHIFT, DstOverlapPolicy.BOTH);
            assertThat(between(times, "2026-10-24T22:30:00Z", "2026-10-25T02:30:00Z"))
                    .containsExactlyElementsOf(instants("2026-10-24T23:00:00Z", "2026-10-25T00:00:00Z",
                            "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z"));
        }

        @Test
        void from_inside_the_repeated_hour_the_next_fire_time_respects_the_policy() {
            Instant firstPass = Instant.parse("2026-10-25T00:45:00Z"); // 01:45 BST
            assertThat(defaults("30 1 * * *", LONDON).next(firstPass)).contains(Instant.parse("2026-10-26T01:30:00Z"));
            assertThat(times("30 1 * * *", LONDON, DstGapPolicy.SHIFT, DstOverlapPolicy.BOTH).next(firstPass))
                    .contains(Instant.parse("2026-10-25T01:30:00Z"));
            Instant secondPass = Instant.parse("2026-10-25T01:10:00Z"); // 01:10 GMT
            assertThat(times("*/20 * * * *", LONDON, DstGapPolicy.SHIFT, DstOverlapPolicy.BOTH).next(secondPass))
                    .contains(Instant.parse("2026-10-25T01:20:00Z"));
            assertThat(defaults("*/20 * * * *", LONDON).next(secondPass))
                    .contains(Instant.parse("2026-10-25T02:00:00Z"));
        }
    }

    @Nested
    class AmericaNewYork {
        @Test
        void daily_at_half_past_two_on_the_spring_change_fires_at_half_past_three_or_not_at_all() {
            assertThat(between(defaults("30 2 * * *", NEW_YORK), "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"))
                    .containsExactlyElementsOf(instants(
                            "2026-03-07T07:30:00Z",    // 02:30 EST
                            "2026-03-08T07:30:00Z",    // 02:30 does not exist: 03:30 EDT
                            "2026-03-09T06:30:00Z"));  // 02:30 EDT
            FireTimes skip = times("30 2 * * *", NEW_YORK, DstGapPolicy.SKIP, DstOverlapPolicy.FIRST);
            assertThat(between(skip, "2026-03-07T00:00:00Z", "2026-03-10T00:00:00Z"))
                    .containsExactlyElementsOf(instants("2026-03-07T07:30:00Z", "2026-03-09T06:30:00Z"));
        }

        @Test
        void daily_at_half_past_one_on_the_autumn_change_fires_once_or_twice() {
            assertThat(between(defaults("30 1 * * *", NEW_YORK), "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z"))
                    .containsExactlyElementsOf(instants("2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"));
            FireTimes both = times("30 1 * * *", NEW_YORK, DstGapPolicy.SHIFT, DstOverlapPolicy.BOTH);
            assertThat(between(both, "2026-10-31T12:00:00Z", "2026-11-02T12:00:00Z")).containsExactlyElementsOf(
                    instants("2026-11-01T05:30:00Z", "2026-11-01T06:30:00Z", "2026-11-02T06:30:00Z"));
        }

        @Test
        void hourly_across_the_spring_change_fires_every_real_hour_once() {
            assertThat(between(defaults("0 * * * *", NEW_YORK), "2026-03-08T05:30:00Z", "2026-03-08T08:30:00Z"))
                    .containsExactlyElementsOf(instants(
                            "2026-03-08T06:00:00Z",   // 01:00 EST
                            "2026-03-08T07:00:00Z",   // 03:00 EDT (02:00 shifted onto it: once)
                            "2026-03-08T08:00:00Z")); // 04:00 EDT
        }

        @Test
        void hourly_across_the_autumn_change_fires_the_repeated_hour_once_or_twice() {
            assertThat(between(defaults("0 * * * *", NEW_YORK), "2026-11-01T03:30:00Z", "2026-11-01T07:30:00Z"))
                    .containsExactlyElementsOf(instants(
                            "2026-11-01T04:00:00Z",   // 00:00 EDT
                            "2026-11-01T05:00:00Z",   // 01:00 EDT
                            "2026-11-01T07:00:00Z")); // 02:00 EST
            FireTimes both = times("0 * * * *", NEW_YORK, DstGapPolicy.SHIFT, DstOverlapPolicy.BOTH);
            assertThat(between(both, "2026-11-01T03:30:00Z", "2026-11-01T07:30:00Z")).containsExactlyElementsOf(
                    instants("2026-11-01T04:00:00Z", "2026-11-01T05:00:00Z", "2026-11-01T06:00:00Z",
                            "2026-11-01T07:00:00Z"));
        }
    }

    /** Around every change of a year, in zones with one-hour and half-hour changes: in order, no repeats, nothing invented. */
    @ParameterizedTest
    @CsvSource({
            "Europe/London,       0 * * * *",
            "Europe/London,       */20 * * * *",
            "Europe/London,       30 1 * * *",
            "America/New_York,    30 2 * * *",
            "America/New_York,    0 */2 * * *",
            "Australia/Lord_Howe, 15 2 * * *",
            "Australia/Lord_Howe, */30 * * * *",
            "UTC,                 0 9 * * MON-FRI"})
    void fire_times_around_the_changes_are_in_order_unique_and_real_or_shifted_matches(String zoneId, String cron) {
        ZoneId zone = ZoneId.of(zoneId);
        for (DstGapPolicy gap : DstGapPolicy.values()) {
            for (DstOverlapPolicy overlap : DstOverlapPolicy.values()) {
                FireTimes times = times(cron, zone, gap, overlap);
                CronExpression expression = CronExpression.parse(cron);
                // The weeks around the 2026 changes of all three zones (March/April, September to November).
                List<Instant> year = new ArrayList<>(times.between(Instant.parse("2026-03-01T00:00:00Z"),
                        Instant.parse("2026-04-10T00:00:00Z"), 100_000));
                year.addAll(times.between(Instant.parse("2026-09-30T00:00:00Z"),
                        Instant.parse("2026-11-05T00:00:00Z"), 100_000));
                assertThat(year).isNotEmpty().isSorted().doesNotHaveDuplicates();
                for (Instant t : year) {
                    LocalDateTime local = LocalDateTime.ofInstant(t, zone);
                    boolean shifted = shiftedMatch(expression, zone, t);
                    assertThat(expression.matches(local) || (gap == DstGapPolicy.SHIFT && shifted))
                            .as("%s in %s (%s, %s)", t, zone, gap, overlap).isTrue();
                }
            }
        }
    }

    /** True when {@code t} is a skipped local time moved forward by its gap. */
    private static boolean shiftedMatch(CronExpression cron, ZoneId zone, Instant t) {
        var transition = zone.getRules().previousTransition(t.plusNanos(1));
        if (transition == null || !transition.isGap()) {
            return false;
        }
        LocalDateTime original = LocalDateTime.ofEpochSecond(t.getEpochSecond(), 0, transition.getOffsetBefore());
        return !original.isBefore(transition.getDateTimeBefore()) && original.isBefore(transition.getDateTimeAfter())
                && cron.matches(original);
    }

    @Test
    void latest_finds_the_last_fire_times_of_a_long_range_quickly() {
        FireTimes perSecond = defaults("* * * * * *", ZoneOffset.UTC);
        Instant to = Instant.parse("2026-01-08T00:00:00Z");
        long start = System.nanoTime();
        List<Instant> last = perSecond.latest(Instant.parse("2026-01-01T00:00:00Z"), to, 3);
        assertThat(last).containsExactly(to.minusSeconds(2), to.minusSeconds(1), to);
        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds for a week of seconds").isLessThan(2_000);
        assertThat(defaults("0 6 * * *", ZoneOffset.UTC).latest(Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-05T12:00:00Z"), 100)).hasSize(5);
    }

    @Test
    void an_expression_that_never_matches_has_no_next_fire_time() {
        assertThat(defaults("0 0 30 2 *", LONDON).next(Instant.parse("2026-01-01T00:00:00Z"))).isEmpty();
    }
}
