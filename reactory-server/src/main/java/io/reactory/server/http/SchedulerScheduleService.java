package io.reactory.server.http;

import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.scheduling.InvalidScheduleException;
import io.reactory.workflow.scheduling.ScheduleAlreadyExistsException;
import io.reactory.workflow.scheduling.ScheduleNotFoundException;
import io.reactory.workflow.scheduling.ScheduledWorkflow;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code /workflow/schedules} routes on the Scheduler: schedules created, replaced and deleted through the API
 * are kept in the store and fire. An invalid configuration is refused with the scheduler's message, which names the
 * field ({@code schedule 'x': schedule.cron: invalid cron expression ...}). Thread-safe.
 */
public final class SchedulerScheduleService implements ScheduleService {
    private final WorkflowScheduler scheduler;

    public SchedulerScheduleService(WorkflowScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public List<ScheduleConfig> list() {
        return scheduler.listSchedules().stream().map(ScheduledWorkflow::config).toList();
    }

    @Override
    public Optional<ScheduleConfig> find(String scheduleId) {
        return scheduler.getSchedule(scheduleId);
    }

    @Override
    public boolean create(ScheduleConfig schedule) {
        try {
            scheduler.addSchedule(schedule);
            return true;
        } catch (ScheduleAlreadyExistsException e) {
            return false;
        } catch (InvalidScheduleException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<ScheduleConfig> update(String scheduleId, ScheduleConfig schedule) {
        try {
            scheduler.updateSchedule(scheduleId, schedule);
            return scheduler.getSchedule(scheduleId);
        } catch (ScheduleNotFoundException e) {
            return Optional.empty();
        } catch (InvalidScheduleException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    @Override
    public Optional<ScheduleStatus> status(String scheduleId) {
        try {
            ScheduledWorkflow s = scheduler.getScheduleStatus(scheduleId);
            return Optional.of(new ScheduleStatus(s.enabled(), s.paused(), s.nextFireTime(), s.lastFireTime(),
                    s.lastOutcome() == null ? null : s.lastOutcome().name(), s.lastOutcomeFireTime(), s.lastError(),
                    s.runsInFlight(), s.fired(), s.skipped()));
        } catch (ScheduleNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public boolean pause(String scheduleId) {
        try {
            scheduler.pauseSchedule(scheduleId);
            return true;
        } catch (ScheduleNotFoundException e) {
            return false;
        }
    }

    @Override
    public boolean resume(String scheduleId) {
        try {
            scheduler.resumeSchedule(scheduleId);
            return true;
        } catch (ScheduleNotFoundException e) {
            return false;
        }
    }

    @Override
    public boolean delete(String scheduleId) {
        try {
            scheduler.removeSchedule(scheduleId);
            return true;
        } catch (ScheduleNotFoundException e) {
            return false;
        }
    }
}
