package io.reactory.server.http;

import io.reactory.workflow.config.ScheduleConfig;
import java.util.List;
import java.util.Optional;

/**
 * What the {@code /workflow/schedules} routes need from the scheduler. The Scheduler (issue 5) implements it when it
 * lands; until then {@link InMemoryScheduleService} keeps schedules without firing them.
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
}
