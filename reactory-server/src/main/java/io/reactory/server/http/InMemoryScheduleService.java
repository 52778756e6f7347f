package io.reactory.server.http;

import io.reactory.workflow.config.ScheduleConfig;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Schedules kept in memory and validated, but never fired: the stand-in behind {@code /workflow/schedules} until the
 * Scheduler (issue 5) is connected. Thread-safe.
 */
public final class InMemoryScheduleService implements ScheduleService {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern CRON_FIELD = Pattern.compile("[0-9A-Za-z*/,?#LW-]+");

    private final Map<String, ScheduleConfig> schedules = new ConcurrentSkipListMap<>();
    private final Predicate<String> workflowExists;

    /** @param workflowExists whether a workflow id is registered (a schedule must start a known workflow) */
    public InMemoryScheduleService(Predicate<String> workflowExists, List<ScheduleConfig> initial) {
        this.workflowExists = workflowExists;
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
        return schedules.remove(scheduleId) != null;
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
            String cron = s.schedule().cron().trim();
            String[] fields = cron.split("\\s+");
            boolean macro = cron.startsWith("@") && cron.matches("@(yearly|annually|monthly|weekly|daily|midnight|hourly)");
            if (!macro && (fields.length < 5 || fields.length > 6
                    || !java.util.Arrays.stream(fields).allMatch(f -> CRON_FIELD.matcher(f).matches()))) {
                problems.add("'schedule.cron' must have 5 fields (or 6 with seconds), or be a macro such as @daily");
            }
            if (s.schedule().timezone() != null) {
                try {
                    ZoneId.of(s.schedule().timezone());
                } catch (DateTimeException e) {
                    problems.add("'schedule.timezone' is not a known time zone");
                }
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
