package io.reactory.workflow.scheduling;

import io.reactory.workflow.persistence.ScheduleFire;
import io.reactory.workflow.persistence.StoredSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides what a due schedule does now: which fire times start a run, which wait, which are skipped, and when it
 * fires next. Pure: reads its arguments only, so every policy is tested without a store or a clock.
 *
 * <p>Fire times at most {@code misfireThreshold} old are on time (merely late) and fire. Older ones are missed: the
 * misfire policy and catch-up window decide. Then {@code maxConcurrent} and the overlap policy decide between
 * starting, queueing and skipping; runs already queued start first. When missed fire times are caught up, they and
 * the fire times due now form one sequence that queues behind its first run whatever the overlap policy (catching
 * up is the point), at most the catch-up limit in all.
 */
final class FirePlanner {
    /** Missed fire times are counted for events up to this many. */
    static final int SKIP_COUNT_CAP = 1_000;

    private FirePlanner() {}

    /**
     * @param start   new fire times to start now, oldest first
     * @param promote queued fire records to start now (a slot is free), oldest first
     * @param buffer  new fire times to queue
     * @param skips   skipped fire times, grouped by reason
     */
    record Plan(List<Instant> start, List<ScheduleFire> promote, List<Instant> buffer, List<Skip> skips,
                Instant nextFireTime) {
        int skippedCount() {
            return skips.stream().mapToInt(Skip::count).sum();
        }
    }

    /** Fire times from {@code first} to {@code last} ({@code count} of them) skipped for {@code reason}. */
    record Skip(Instant first, Instant last, int count, SchedulerEvent.SkipReason reason) {}

    /**
     * @param open the schedule's fire records that are not finished (in flight or queued), oldest first
     */
    static Plan plan(Schedule schedule, StoredSchedule stored, List<ScheduleFire> open, Instant now,
                     SchedulerOptions options) {
        FireTimes times = schedule.fireTimes();
        Instant first = stored.nextFireTime;
        Instant lateFrom = now.minus(options.misfireThreshold());
        List<Skip> skips = new ArrayList<>(2);
        if (!first.isBefore(lateFrom)) {
            // The usual case, one fire time due and not missed, costs one cron computation.
            Instant following = times.next(first).orElse(null);
            if (following == null || following.isAfter(now)) {
                return assign(schedule, open, List.of(), List.of(first), skips, following, options);
            }
        }

        Instant onTimeFrom = first.isAfter(lateFrom) ? first : lateFrom;
        List<Instant> onTime = times.latest(onTimeFrom, now, options.catchUpLimit());
        if (onTime.size() == options.catchUpLimit()) {
            // More fire times are due on time than one pass starts: the latest run, the older ones are skipped.
            Skip beyondLimit = skipped(times, onTimeFrom, onTime.get(0), SchedulerEvent.SkipReason.CATCH_UP_LIMIT);
            if (beyondLimit != null) {
                skips.add(beyondLimit);
            }
        }
        List<Instant> catchUp = List.of();
        if (first.isBefore(lateFrom)) {
            int limit = Math.max(1, options.catchUpLimit() - onTime.size());
            catchUp = missed(schedule, first, lateFrom.minusNanos(1), now, onTime.isEmpty(), limit);
            // Caught-up times are the latest missed ones: the skipped ones are all older than the first of them.
            Instant skippedBefore = catchUp.isEmpty() ? lateFrom : catchUp.get(0);
            Skip missedOut = skipped(times, first, skippedBefore, SchedulerEvent.SkipReason.MISFIRE);
            if (missedOut != null) {
                skips.add(missedOut);
            }
        }

        return assign(schedule, open, catchUp, onTime, skips, times.next(now).orElse(null), options);
    }

    /** The fire times in {@code [from, before)} as one skip (counted up to the cap), or null when there are none. */
    private static Skip skipped(FireTimes times, Instant from, Instant before, SchedulerEvent.SkipReason reason) {
        List<Instant> skipped = times.between(from.minusNanos(1), before.minusNanos(1), SKIP_COUNT_CAP);
        if (skipped.isEmpty()) {
            return null;
        }
        Instant last = skipped.size() < SKIP_COUNT_CAP ? skipped.get(skipped.size() - 1)
                : times.latest(from, before.minusNanos(1), 1).get(0);
        return new Skip(skipped.get(0), last, skipped.size(), reason);
    }

    /** Starts, queues or skips the due fire times as {@code maxConcurrent} and the overlap policy say. */
    private static Plan assign(Schedule schedule, List<ScheduleFire> open, List<Instant> catchUp, List<Instant> onTime,
                               List<Skip> skips, Instant next, SchedulerOptions options) {
        int inFlight = 0;
        List<ScheduleFire> queued = new ArrayList<>();
        for (ScheduleFire f : open) {
            if (f.state.inFlight()) {
                inFlight++;
            } else if (f.state == ScheduleFire.State.BUFFERED) {
                queued.add(f);
            }
        }
        List<ScheduleFire> promote = new ArrayList<>();
        while (!queued.isEmpty() && inFlight < schedule.maxConcurrent()) {
            promote.add(queued.remove(0));
            inFlight++;
        }
        int waiting = queued.size();
        List<Instant> start = new ArrayList<>();
        List<Instant> buffer = new ArrayList<>();
        List<Instant> overlapping = new ArrayList<>();
        // Catching up, the due times of this pass form one sequence that queues behind its first run; otherwise
        // the overlap policy decides about each due time that finds no room.
        List<Instant> due = new ArrayList<>(catchUp);
        due.addAll(onTime);
        int room = catchUp.isEmpty() ? queueRoom(schedule.overlap(), options) : options.catchUpLimit();
        for (Instant t : due) {
            if (inFlight < schedule.maxConcurrent() && waiting == 0) {
                start.add(t);
                inFlight++;
            } else if (waiting < room) {
                buffer.add(t);
                waiting++;
            } else {
                overlapping.add(t);
            }
        }
        if (!overlapping.isEmpty()) {
            skips.add(new Skip(overlapping.get(0), overlapping.get(overlapping.size() - 1), overlapping.size(),
                    SchedulerEvent.SkipReason.OVERLAP));
        }
        return new Plan(start, promote, buffer, skips, next);
    }

    /** The missed fire times the misfire policy catches up, oldest first. */
    private static List<Instant> missed(Schedule schedule, Instant first, Instant lastMissed, Instant now,
                                        boolean nothingOnTime, int limit) {
        Instant from = first;
        if (schedule.catchUpWindow() != null && now.minus(schedule.catchUpWindow()).isAfter(from)) {
            from = now.minus(schedule.catchUpWindow());
        }
        if (from.isAfter(lastMissed)) {
            return List.of();
        }
        return switch (schedule.misfire()) {
            case SKIP -> List.of();
            case FIRE_ONCE -> nothingOnTime ? schedule.fireTimes().latest(from, lastMissed, 1) : List.of();
            case FIRE_ALL -> schedule.fireTimes().latest(from, lastMissed, limit);
        };
    }

    /** How many fire times may wait when {@code maxConcurrent} is reached. */
    private static int queueRoom(OverlapPolicy policy, SchedulerOptions options) {
        return switch (policy) {
            case SKIP -> 0;
            case BUFFER_ONE -> 1;
            case ALLOW -> options.bufferLimit();
        };
    }
}
