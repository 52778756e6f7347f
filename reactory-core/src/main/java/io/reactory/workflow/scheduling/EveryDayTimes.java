package io.reactory.workflow.scheduling;

import com.cronutils.model.Cron;
import com.cronutils.model.field.CronFieldName;
import com.cronutils.model.field.expression.Always;
import com.cronutils.model.field.expression.And;
import com.cronutils.model.field.expression.Between;
import com.cronutils.model.field.expression.Every;
import com.cronutils.model.field.expression.FieldExpression;
import com.cronutils.model.field.expression.On;
import com.cronutils.model.field.value.FieldValue;
import com.cronutils.model.field.value.IntegerFieldValue;
import com.cronutils.model.field.value.SpecialChar;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;

/**
 * The next match of an expression whose day-of-month, month and day-of-week are all {@code *}: every day matches, so
 * the next time is a walk through the sets of hours, minutes and seconds. cron-utils searches candidate days on
 * every call, which made it most of the cost of firing a schedule; most schedules (every N seconds, minutes or hours,
 * daily at a time) take this path. Expressions it does not understand are left to cron-utils. Immutable.
 */
final class EveryDayTimes {
    private final boolean[] hours = new boolean[24];
    private final boolean[] minutes = new boolean[60];
    private final boolean[] seconds = new boolean[60];
    private int firstHour;
    private int firstMinute;
    private int firstSecond;

    private EveryDayTimes() {}

    /** The arithmetic for {@code cron}, or empty when a day field restricts days or a field is beyond it. */
    static Optional<EveryDayTimes> of(Cron cron, boolean withSeconds) {
        for (CronFieldName day : new CronFieldName[] {CronFieldName.DAY_OF_MONTH, CronFieldName.MONTH,
                CronFieldName.DAY_OF_WEEK}) {
            if (!(cron.retrieve(day).getExpression() instanceof Always)) {
                return Optional.empty();
            }
        }
        EveryDayTimes times = new EveryDayTimes();
        boolean understood = fill(cron.retrieve(CronFieldName.HOUR).getExpression(), times.hours)
                && fill(cron.retrieve(CronFieldName.MINUTE).getExpression(), times.minutes)
                && (withSeconds ? fill(cron.retrieve(CronFieldName.SECOND).getExpression(), times.seconds)
                : set(times.seconds, 0));
        if (!understood) {
            return Optional.empty();
        }
        times.firstHour = first(times.hours);
        times.firstMinute = first(times.minutes);
        times.firstSecond = first(times.seconds);
        if (times.firstHour < 0 || times.firstMinute < 0 || times.firstSecond < 0) {
            return Optional.empty();
        }
        return Optional.of(times);
    }

    /** The first match strictly after {@code after} (whole seconds). */
    LocalDateTime nextAfter(LocalDateTime after) {
        LocalDate date = after.toLocalDate();
        int h = after.getHour();
        int m = after.getMinute();
        if (hours[h] && minutes[m]) {
            int s = next(seconds, after.getSecond() + 1);
            if (s >= 0) {
                return date.atTime(h, m, s);
            }
        }
        if (hours[h]) {
            int nextMinute = next(minutes, m + 1);
            if (nextMinute >= 0) {
                return date.atTime(h, nextMinute, firstSecond);
            }
        }
        int nextHour = next(hours, h + 1);
        if (nextHour >= 0) {
            return date.atTime(nextHour, firstMinute, firstSecond);
        }
        return date.plusDays(1).atTime(firstHour, firstMinute, firstSecond);
    }

    private static boolean fill(FieldExpression expression, boolean[] values) {
        int max = values.length - 1;
        if (expression instanceof Always) {
            java.util.Arrays.fill(values, true);
            return true;
        }
        if (expression instanceof And and) {
            for (FieldExpression part : and.getExpressions()) {
                if (!fill(part, values)) {
                    return false;
                }
            }
            return true;
        }
        if (expression instanceof On on) {
            Integer value = plain(on);
            return value != null && set(values, value);
        }
        if (expression instanceof Between between) {
            Integer from = integer(between.getFrom());
            Integer to = integer(between.getTo());
            return from != null && to != null && from <= to && to <= max && range(values, from, to, 1);
        }
        if (expression instanceof Every every) {
            int period = every.getPeriod().getValue();
            FieldExpression base = every.getExpression();
            if (base instanceof Always) {
                return range(values, 0, max, period);
            }
            if (base instanceof On on && plain(on) != null) {
                return range(values, plain(on), max, period);
            }
            if (base instanceof Between between) {
                Integer from = integer(between.getFrom());
                Integer to = integer(between.getTo());
                return from != null && to != null && from <= to && to <= max && range(values, from, to, period);
            }
        }
        return false;
    }

    private static Integer plain(On on) {
        boolean special = on.getSpecialChar() != null && on.getSpecialChar().getValue() != SpecialChar.NONE;
        return special || on.getTime() == null ? null : on.getTime().getValue();
    }

    private static Integer integer(FieldValue<?> value) {
        return value instanceof IntegerFieldValue integer ? integer.getValue() : null;
    }

    private static boolean range(boolean[] values, int from, int to, int step) {
        if (step < 1 || from < 0 || to >= values.length) {
            return false;
        }
        for (int v = from; v <= to; v += step) {
            values[v] = true;
        }
        return true;
    }

    private static boolean set(boolean[] values, int value) {
        if (value < 0 || value >= values.length) {
            return false;
        }
        values[value] = true;
        return true;
    }

    private static int first(boolean[] values) {
        return next(values, 0);
    }

    private static int next(boolean[] values, int from) {
        for (int v = from; v < values.length; v++) {
            if (values[v]) {
                return v;
            }
        }
        return -1;
    }
}
