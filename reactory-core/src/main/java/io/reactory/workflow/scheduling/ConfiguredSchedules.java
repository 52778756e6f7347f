package io.reactory.workflow.scheduling;

import io.reactory.workflow.config.ConfigurationListener;
import io.reactory.workflow.config.ConfigurationSet;
import io.reactory.workflow.config.ScheduleConfig;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a scheduler's schedules in step with the {@link io.reactory.workflow.config.ConfigurationManager}: on every
 * load and hot reload, the schedules of the configuration in force (environment overlays applied) are added, or
 * updated where they changed, and schedules that left the configuration are removed. Schedules added through the
 * API under other ids are left alone. A schedule the scheduler refuses (its workflow is not registered, say) is
 * logged and kept in {@link #refused()}; the others still apply.
 *
 * <pre>{@code
 * ConfigurationManager config = ConfigurationManager.builder(Path.of("config")).runner(runner)
 *         .listener(new ConfiguredSchedules(scheduler)).build();
 * config.start();
 * }</pre>
 *
 * Thread-safe (the manager calls it on its reloading thread).
 */
public final class ConfiguredSchedules implements ConfigurationListener {
    private static final Logger log = LoggerFactory.getLogger(ConfiguredSchedules.class);

    private final WorkflowScheduler scheduler;
    private final Map<String, String> refused = new ConcurrentHashMap<>();

    public ConfiguredSchedules(WorkflowScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    @Override
    public void applied(ConfigurationSet current, ConfigurationSet previous) {
        for (ScheduleConfig config : current.schedules().values()) {
            try {
                var existing = scheduler.getSchedule(config.id());
                if (existing.isEmpty()) {
                    scheduler.addSchedule(config);
                } else if (!existing.get().equals(config)) {
                    scheduler.updateSchedule(config.id(), config);
                }
                refused.remove(config.id());
            } catch (SchedulingException e) {
                refused.put(config.id(), e.getMessage());
                log.warn("configured schedule {} was not applied: {}", config.id(), e.getMessage());
            }
        }
        for (String id : previous.schedules().keySet()) {
            if (!current.schedules().containsKey(id)) {
                refused.remove(id);
                try {
                    scheduler.removeSchedule(id);
                } catch (ScheduleNotFoundException e) {
                    log.debug("schedule {} left the configuration and was already gone", id);
                }
            }
        }
    }

    /** Configured schedules the scheduler refused at the last load, with why. */
    public Map<String, String> refused() {
        return Map.copyOf(refused);
    }
}
