package io.reactory.server.http;

import io.reactory.workflow.config.ScheduleConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code /workflow/schedules} routes and the dashboard need from the scheduler: {@link SchedulerScheduleService}
 * on the Scheduler (what {@code serve} uses), or {@link InMemoryScheduleService}, which keeps schedules without firing
 * them (a server built without a scheduler).
 *
 * <p>Implementations are thread-safe and throw {@link IllegalArgumentException}, naming the field, for an invalid
 * configuration.
 */
public interface ScheduleService {

    List<ScheduleConfig> list();

    Optional<ScheduleConfig> find(String scheduleId);

    /** @return false (and nothing changes) when a schedule with that id exists */
    boolean create(ScheduleConfig schedule);

    /** @return empty when there is no such schedule */
    Optional<ScheduleConfig> update(String scheduleId, ScheduleConfig schedule);

    /** @return false when there is no such schedule */
    boolean delete(String scheduleId);

    /** How a schedule stands (next and last fire times, outcome); empty when there is no such schedule. */
    Optional<ScheduleStatus> status(String scheduleId);

    /** Stops firing until resumed (runs in flight go on). Idempotent. @return false when there is no such schedule */
    boolean pause(String scheduleId);

    /** Fires again from the next fire time after now. Idempotent. @return false when there is no such schedule */
    boolean resume(String scheduleId);

    /**
     * The next {@code count} fire times after {@code after} of a schedule's timing: its cron expression in its time
     * zone (UTC when it names none), with its DST policies ({@code dstGap}, {@code dstOverlap}). The default computes
     * them exactly as the Scheduler fires ({@link io.reactory.workflow.scheduling.FireTimes}).
     *
     * @return fewer than {@code count} times when the expression stops firing
     * @throws IllegalArgumentException naming the cron field, time zone or policy that is wrong
     */
    default List<Instant> preview(ScheduleConfig.Timing timing, Instant after, int count) {
        return CronPreview.next(timing, after, count);
    }
}
