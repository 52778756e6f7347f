package io.reactory.workflow.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {
    private static final LocalDateTime NEW_YEAR = LocalDateTime.of(2026, 1, 1, 0, 0);

    private static LocalDateTime next(String cron, LocalDateTime after) {
        return CronExpression.parse(cron).nextAfter(after).orElseThrow();
    }

    @Test
    void five_fields_are_minute_hour_day_of_month_month_day_of_week() {
        assertThat(next("0 9 * * *", NEW_YEAR)).isEqualTo(LocalDateTime.of(2026, 1, 1, 9, 0));
        assertThat(next("*/15 * * * *", NEW_YEAR)).isEqualTo(LocalDateTime.of(2026, 1, 1, 0, 15));
        assertThat(next("0 9 * * MON-FRI", LocalDateTime.of(2026, 1, 2, 10, 0))) // Friday after 9
                .isEqualTo(LocalDateTime.of(2026, 1, 5, 9, 0));
        assertThat(next("30 6 1 JAN *", NEW_YEAR)).isEqualTo(LocalDateTime.of(2026, 1, 1, 6, 30));
    }

    @Test
    void day_of_week_zero_and_seven_are_sunday() {
        assertThat(next("0 0 * * 0", NEW_YEAR)).isEqualTo(LocalDateTime.of(2026, 1, 4, 0, 0));
        assertThat(next("0 0 * * 7", NEW_YEAR)).isEqualTo(LocalDateTime.of(2026, 1, 4, 0, 0));
    }

    @Test
    void day_of_month_and_day_of_week_both_restricted_match_either_as_in_vixie_cron() {
        // the 13th, or any Friday: 2 January 2026 is a Friday
        assertThat(next("0 0 13 * 5", NEW_YEAR)).isEqualTo(LocalDateTime.of(2026, 1, 2, 0, 0));
        assertThat(next("0 0 13 * 5", LocalDateTime.of(2026, 1, 9, 1, 0))).isEqualTo(LocalDateTime.of(2026, 1, 13, 0, 0));
    }

    @Test
    void a_sixth_leading_field_is_seconds() {
        CronExpression cron = CronExpression.parse("*/10 * * * * *");
        assertThat(cron.hasSeconds()).isTrue();
        assertThat(cron.nextAfter(NEW_YEAR)).contains(LocalDateTime.of(2026, 1, 1, 0, 0, 10));
        assertThat(next("30 0 9 * * *", NEW_YEAR)).isEqualTo(LocalDateTime.of(2026, 1, 1, 9, 0, 30));
    }

    @ParameterizedTest
    @CsvSource({
            "@yearly,    2027-01-01T00:00",
            "@annually,  2027-01-01T00:00",
            "@monthly,   2026-02-01T00:00",
            "@weekly,    2026-01-04T00:00",
            "@daily,     2026-01-02T00:00",
            "@midnight,  2026-01-02T00:00",
            "@hourly,    2026-01-01T01:00",
            "@DAILY,     2026-01-02T00:00"})
    void macros_expand_to_their_standard_expressions(String macro, LocalDateTime expected) {
        assertThat(next(macro, NEW_YEAR)).isEqualTo(expected);
    }

    @Test
    void next_is_strictly_after_the_given_time() {
        assertThat(next("0 9 * * *", LocalDateTime.of(2026, 1, 1, 9, 0))).isEqualTo(LocalDateTime.of(2026, 1, 2, 9, 0));
        assertThat(next("0 9 * * *", LocalDateTime.of(2026, 1, 1, 8, 59, 59, 999_999_999)))
                .isEqualTo(LocalDateTime.of(2026, 1, 1, 9, 0));
    }

    @Test
    void an_out_of_range_value_names_its_field_and_column() {
        assertThatThrownBy(() -> CronExpression.parse("0 25 * * *"))
                .isInstanceOfSatisfying(InvalidCronExpressionException.class, e -> {
                    assertThat(e.fieldNumber()).isEqualTo(2);
                    assertThat(e.fieldName()).isEqualTo("hour");
                    assertThat(e.column()).isEqualTo(3);
                    assertThat(e.field()).isEqualTo("schedule.cron");
                })
                .hasMessageContaining("invalid cron expression '0 25 * * *': field 2 (hour) at column 3")
                .hasMessageContaining("25");
    }

    @Test
    void the_position_counts_the_seconds_field_and_extra_spaces() {
        assertThatThrownBy(() -> CronExpression.parse("0  0 9 * * 9"))
                .isInstanceOfSatisfying(InvalidCronExpressionException.class, e -> {
                    assertThat(e.fieldNumber()).isEqualTo(6);
                    assertThat(e.fieldName()).isEqualTo("day-of-week");
                    assertThat(e.column()).isEqualTo(12);
                });
        assertThatThrownBy(() -> CronExpression.parse("61 * * * * *"))
                .isInstanceOfSatisfying(InvalidCronExpressionException.class,
                        e -> assertThat(e.fieldName()).isEqualTo("second"));
    }

    @Test
    void garbage_in_a_field_is_reported_in_that_field() {
        assertThatThrownBy(() -> CronExpression.parse("0 9 * JANUARY *"))
                .isInstanceOfSatisfying(InvalidCronExpressionException.class, e -> {
                    assertThat(e.fieldNumber()).isEqualTo(4);
                    assertThat(e.fieldName()).isEqualTo("month");
                    assertThat(e.column()).isEqualTo(7);
                });
    }

    @Test
    void a_wrong_number_of_fields_an_unknown_macro_or_nothing_is_refused() {
        assertThatThrownBy(() -> CronExpression.parse("0 9 * *"))
                .isInstanceOf(InvalidCronExpressionException.class)
                .hasMessageContaining("expected 5 fields").hasMessageContaining("found 4");
        assertThatThrownBy(() -> CronExpression.parse("0 0 9 * * * 2026"))
                .hasMessageContaining("found 7");
        assertThatThrownBy(() -> CronExpression.parse("@reboot"))
                .hasMessageContaining("unknown macro '@reboot'");
        assertThatThrownBy(() -> CronExpression.parse("  "))
                .hasMessageContaining("empty");
    }

    @Test
    void keeps_the_text_it_was_given() {
        assertThat(CronExpression.parse("@daily").text()).isEqualTo("@daily");
        assertThat(CronExpression.parse("0 6 * * *")).isEqualTo(CronExpression.parse("0 6 * * *"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "* * * * *", "*/15 * * * *", "0 9-17 * * *", "0 9-17/2 * * *", "15,45 */3 * * *", "0 0 * * *",
            "30 1 * * *", "59 23 * * *", "5/10 * * * * *", "*/7 * * * * *", "0 0 0 * * *", "1-5,30-35 0 12 * * *",
            "0/20 10-20/5 * * * *", "@hourly", "@daily", "0 22-23,0-2 * * *"})
    void the_every_day_shortcut_finds_what_cron_utils_finds(String text) {
        CronExpression cron = CronExpression.parse(text);
        assertThat(cron.matchesEveryDay()).isTrue();
        java.util.Random random = new java.util.Random(text.hashCode());
        LocalDateTime t = LocalDateTime.of(2026, 3, 28, 22, 59, 58);
        for (int i = 0; i < 2_000; i++) {
            LocalDateTime probe = i % 2 == 0 ? t : t.plusSeconds(random.nextInt(200_000));
            assertThat(cron.nextAfter(probe)).as("%s after %s", text, probe).isEqualTo(cron.nextAfterByCronUtils(probe));
            t = cron.nextAfter(t).orElseThrow();
        }
    }

    @Test
    void expressions_that_restrict_days_are_left_to_cron_utils() {
        assertThat(CronExpression.parse("0 9 * * MON-FRI").matchesEveryDay()).isFalse();
        assertThat(CronExpression.parse("0 9 1 * *").matchesEveryDay()).isFalse();
        assertThat(CronExpression.parse("0 9 * JAN *").matchesEveryDay()).isFalse();
        assertThat(CronExpression.parse("@weekly").matchesEveryDay()).isFalse();
    }
}
