package io.reactory.workflow.persistence;

import java.util.List;
import java.util.Objects;

/**
 * One atomic change of a schedule and its fire records, applied by {@link ScheduleStore#write}: all of it or none.
 *
 * <ul>
 *   <li>{@code schedule} (optional): written if the stored schedule still has {@code schedule.revision} (the
 *       revision the caller read); otherwise the write is a conflict.</li>
 *   <li>{@code updates}: each written if the stored fire still has its {@code revision}; otherwise a conflict.</li>
 *   <li>{@code inserts}: new fire records. One whose (schedule id, fire time) exists already is left out — that is
 *       not a conflict; {@link Result#inserted()} says which went in.</li>
 * </ul>
 *
 * @param schedule the new state of the schedule, carrying the revision it was read with; null to leave it alone
 */
public record ScheduleWrite(StoredSchedule schedule, List<ScheduleFire> inserts, List<ScheduleFire> updates) {
    public ScheduleWrite {
        inserts = List.copyOf(Objects.requireNonNullElse(inserts, List.of()));
        updates = List.copyOf(Objects.requireNonNullElse(updates, List.of()));
    }

    public static ScheduleWrite schedule(StoredSchedule schedule) {
        return new ScheduleWrite(schedule, List.of(), List.of());
    }

    public static ScheduleWrite fire(ScheduleFire update) {
        return new ScheduleWrite(null, List.of(), List.of(update));
    }

    /**
     * @param committed false when a revision did not match (or the schedule is gone): nothing was written
     * @param schedule  the schedule as stored now (new revision), or null when none was written
     * @param inserted  the fire records that went in, as stored
     * @param updated   the updated fire records, as stored
     */
    public record Result(boolean committed, StoredSchedule schedule, List<ScheduleFire> inserted,
                         List<ScheduleFire> updated) {
        public static final Result CONFLICT = new Result(false, null, List.of(), List.of());
    }
}
