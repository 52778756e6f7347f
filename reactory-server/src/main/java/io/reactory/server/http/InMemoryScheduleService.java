package io.reactory.server.http;

import io.reactory.workflow.config.CronSyntax;
import io.reactory.workflow.config.ScheduleConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Schedules kept in memory and validated, but never fired: the stand-in behind {@code /workflow/schedules} until the
 * Scheduler (issue 5) is connected. Its status shows the next fire time it would have; it never has a last one.
 * Thread-safe.
 */
public final class InMemoryScheduleService implements ScheduleService {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    private final Map<String, ScheduleConfig> schedules = new ConcurrentSkipListMap<>();
    private final Set<String> paused = ConcurrentHashMap.newKeySet();
    private final Predicate<String> workflowExists;
    private final Clock clock;

    /** @param workflowExists whether a workflow id is registered (a schedule must start a known workflow) */
    public InMemoryScheduleService(Predicate<String> workflowExists, List<ScheduleConfig> initial) {
        this(workflowExists, initial, Clock.systemUTC());
    }

    /** @param clock what "now" is for the next fire times */
    public InMemoryScheduleService(Predicate<String> workflowExists, List<ScheduleConfig> initial, Clock clock) {
        this.workflowExists = workflowExists;
        this.clock = clock;
        for (ScheduleConfig s : initial) {
            schedules.put(s.id(), s);
        }
    }

    @Override
    public List<ScheduleConfig> list() {
        return List.copyOf(schedules.values());
    }

    @Override
    public Optional<ScheduleConfig> find(String scheduleId) {
        return Optional.ofNullable(schedules.get(scheduleId));
    }

    @Override
    public boolean create(ScheduleConfig schedule) {
        validate(schedule);
        return schedules.putIfAbsent(schedule.id(), schedule) == null;
    }

    @Override
    public Optional<ScheduleConfig> update(String scheduleId, ScheduleConfig schedule) {
        validate(schedule);
        if (!scheduleId.equals(schedule.id())) {
            throw new IllegalArgumentException("'id' must be the schedule id of the path, '" + scheduleId + "'");
        }
        return Optional.ofNullable(schedules.computeIfPresent(scheduleId, (id, old) -> schedule));
    }

    @Override
    public boolean delete(String scheduleId) {
        paused.remove(scheduleId);
        return schedules.remove(scheduleId) != null;
    }

    @Override
    public Optional<ScheduleStatus> status(String scheduleId) {
        ScheduleConfig s = schedules.get(scheduleId);
        if (s == null) {
            return Optional.empty();
        }
        boolean enabled = s.schedule() == null || s.schedule().isEnabled();
        boolean isPaused = paused.contains(scheduleId);
        Instant next = null;
        if (enabled && !isPaused && s.schedule() != null) {
            try {
                next = preview(s.schedule(), clock.instant(), 1).stream().findFirst().orElse(null);
            } catch (IllegalArgumentException e) {
                // a schedule seeded from configuration was validated there; one the cron library cannot follow has no next time
                next = null;
            }
        }
        return Optional.of(new ScheduleStatus(enabled, isPaused, next, null, null, null, null, 0, 0, 0));
    }

    @Override
    public boolean pause(String scheduleId) {
        if (!schedules.containsKey(scheduleId)) {
            return false;
        }
        paused.add(scheduleId);
        return true;
    }

    @Override
    public boolean resume(String scheduleId) {
        if (!schedules.containsKey(scheduleId)) {
            return false;
        }
        paused.remove(scheduleId);
        return true;
    }

    private void validate(ScheduleConfig s) {
        List<String> problems = new ArrayList<>();
        if (s.id() == null || !ID.matcher(s.id()).matches()) {
            problems.add("'id' is required: 1 to 100 letters, digits, '.', '_' or '-'");
        }
        if (s.workflow() == null || s.workflow().id() == null) {
            problems.add("'workflow.id' is required");
        } else if (!workflowExists.test(s.workflow().id())) {
            problems.add("'workflow.id' names no registered workflow");
        }
        if (s.schedule() == null || s.schedule().cron() == null) {
            problems.add("'schedule.cron' is required");
        } else {
            CronSyntax.Error error = CronSyntax.check(s.schedule().cron());
            if (error != null) {
                problems.add("'schedule.cron': " + error.message());
            }
            try {
                CronPreview.zone(s.schedule().timezone());
            } catch (IllegalArgumentException e) {
                problems.add("'schedule.timezone': " + e.getMessage());
            }
        }
        if (s.maxConcurrent() != null && s.maxConcurrent() < 1) {
            problems.add("'maxConcurrent' must be at least 1");
        }
        if (s.timeoutSeconds() != null && s.timeoutSeconds() < 1) {
            problems.add("'timeout' must be at least 1 second");
        }
        if (s.retry() != null && ((s.retry().attempts() != null && s.retry().attempts() < 0)
                || (s.retry().delay() != null && s.retry().delay() < 0))) {
            problems.add("'retry.attempts' and 'retry.delay' must not be negative");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }
}
