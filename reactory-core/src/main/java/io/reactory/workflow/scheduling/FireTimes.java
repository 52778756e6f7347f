package io.reactory.workflow.scheduling;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The instants at which a cron expression fires in a time zone, with the daylight-saving rules made explicit:
 * a local time the clocks skip (spring forward) fires shifted by the gap or not at all ({@link DstGapPolicy}); a
 * local time the clocks repeat (fall back) fires at its first occurrence or at both ({@link DstOverlapPolicy}).
 *
 * <p>The computation walks the time line segment by segment, a segment being a stretch with one UTC offset, so fire
 * times always come out in instant order and a fire time is never produced twice (a shifted time that coincides
 * with a regular one is one fire time). Immutable and thread-safe.
 */
public final class FireTimes {
    /** Transitions crossed looking for a fire time before giving up (an expression that never matches). */
    private static final int MAX_SEGMENTS = 64;
    /** {@link #regular} found that the expression never matches again. */
    private static final Instant NEVER = Instant.MAX;
    private static final List<Duration> GALLOP = List.of(Duration.ofSeconds(1), Duration.ofMinutes(1),
            Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(32), Duration.ofDays(366), Duration.ofDays(3660));

    private final CronExpression cron;
    private final ZoneId zone;
    private final ZoneRules rules;
    private final DstGapPolicy gapPolicy;
    private final DstOverlapPolicy overlapPolicy;

    public FireTimes(CronExpression cron, ZoneId zone, DstGapPolicy gapPolicy, DstOverlapPolicy overlapPolicy) {
        this.cron = Objects.requireNonNull(cron, "cron");
        this.zone = Objects.requireNonNull(zone, "zone");
        this.rules = zone.getRules();
        this.gapPolicy = Objects.requireNonNull(gapPolicy, "gapPolicy");
        this.overlapPolicy = Objects.requireNonNull(overlapPolicy, "overlapPolicy");
    }

    /** The first fire time strictly after {@code after}, or empty when the expression never matches again. */
    public Optional<Instant> next(Instant after) {
        Instant lower = after;
        ZoneOffset offset = rules.getOffset(after);
        ZoneOffsetTransition start = rules.previousTransition(after.plusNanos(1));
        ZoneOffsetTransition end = rules.nextTransition(after);
        for (int segment = 0; segment < MAX_SEGMENTS; segment++) {
            Instant best = regular(lower, offset, start, end);
            Instant shifted = shiftedFromGap(lower, start);
            if (shifted != null && (best == null || shifted.isBefore(best))) {
                best = shifted;
            }
            if (best == NEVER) {
                return Optional.empty();
            }
            if (best != null) {
                return Optional.of(best);
            }
            if (end == null) {
                return Optional.empty();
            }
            // Instants from the transition on have the new offset; the transition instant itself may be a fire time.
            lower = end.getInstant().minusNanos(1);
            offset = end.getOffsetAfter();
            start = end;
            end = rules.nextTransition(end.getInstant());
        }
        return Optional.empty();
    }

    /** A local time of this segment that exists once, or the first occurrence of a repeated one (mapped as usual). */
    private Instant regular(Instant lower, ZoneOffset offset, ZoneOffsetTransition start, ZoneOffsetTransition end) {
        LocalDateTime from = LocalDateTime.ofEpochSecond(lower.getEpochSecond(), lower.getNano(), offset);
        if (start != null && start.isOverlap() && overlapPolicy == DstOverlapPolicy.FIRST
                && from.isBefore(start.getDateTimeBefore())) {
            // The repeated local times at the start of this segment already fired in the previous one.
            from = start.getDateTimeBefore().minusNanos(1);
        }
        Optional<LocalDateTime> local = cron.nextAfter(from);
        if (local.isEmpty()) {
            return NEVER;
        }
        if (end != null && !local.get().isBefore(end.getDateTimeBefore())) {
            return null;
        }
        return local.get().toInstant(offset);
    }

    /** A local time the clocks skipped at the start of this segment, moved forward by the gap (SHIFT). */
    private Instant shiftedFromGap(Instant lower, ZoneOffsetTransition start) {
        if (start == null || !start.isGap() || gapPolicy != DstGapPolicy.SHIFT) {
            return null;
        }
        ZoneOffset before = start.getOffsetBefore();
        LocalDateTime from = LocalDateTime.ofEpochSecond(lower.getEpochSecond(), lower.getNano(), before);
        if (!from.isBefore(start.getDateTimeAfter())) {
            return null;
        }
        if (from.isBefore(start.getDateTimeBefore())) {
            from = start.getDateTimeBefore().minusNanos(1);
        }
        Optional<LocalDateTime> local = cron.nextAfter(from);
        if (local.isEmpty() || !local.get().isBefore(start.getDateTimeAfter())) {
            return null;
        }
        return local.get().toInstant(before);
    }

    /** Fire times in {@code (afterExclusive, untilInclusive]}, earliest first, at most {@code limit}. */
    public List<Instant> between(Instant afterExclusive, Instant untilInclusive, int limit) {
        List<Instant> times = new ArrayList<>();
        Instant cursor = afterExclusive;
        while (times.size() < limit) {
            Optional<Instant> next = next(cursor);
            if (next.isEmpty() || next.get().isAfter(untilInclusive)) {
                break;
            }
            times.add(next.get());
            cursor = next.get();
        }
        return times;
    }

    /**
     * The latest {@code limit} fire times in {@code [fromInclusive, toInclusive]}, earliest first. Looks back from
     * {@code toInclusive} in growing steps, so a long range (a week of per-second fire times) costs little.
     */
    public List<Instant> latest(Instant fromInclusive, Instant toInclusive, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
        }
        for (Duration back : GALLOP) {
            Instant start = toInclusive.minus(back);
            boolean whole = !start.isAfter(fromInclusive);
            List<Instant> found = lastOf(whole ? fromInclusive : start, toInclusive, limit);
            if (whole || found.size() >= limit) {
                return found;
            }
        }
        return lastOf(fromInclusive, toInclusive, limit);
    }

    private List<Instant> lastOf(Instant fromInclusive, Instant toInclusive, int limit) {
        ArrayDeque<Instant> last = new ArrayDeque<>(Math.min(limit, 1024));
        Instant cursor = fromInclusive.minusNanos(1);
        while (true) {
            Optional<Instant> next = next(cursor);
            if (next.isEmpty() || next.get().isAfter(toInclusive)) {
                return new ArrayList<>(last);
            }
            if (last.size() == limit) {
                last.removeFirst();
            }
            last.addLast(next.get());
            cursor = next.get();
        }
    }

    public CronExpression cron() {
        return cron;
    }

    public ZoneId zone() {
        return zone;
    }

    public DstGapPolicy gapPolicy() {
        return gapPolicy;
    }

    public DstOverlapPolicy overlapPolicy() {
        return overlapPolicy;
    }
}
