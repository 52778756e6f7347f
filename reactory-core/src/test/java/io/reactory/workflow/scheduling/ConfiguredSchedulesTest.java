package io.reactory.workflow.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.ConfigurationSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schedules follow the ConfigurationManager's loads: added, updated, overlaid per environment, removed. */
class ConfiguredSchedulesTest {
    private final SchedulerHarness h = new SchedulerHarness(Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        h.close();
    }

    private ConfigurationManager manager(String environment, ConfiguredSchedules sync) {
        return ConfigurationManager.builder(dir).environment(environment).runner(h.env.runner()).clock(h.clock)
                .listener(sync).build();
    }

    private void write(String path, String yaml) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
    }

    @Test
    void configured_schedules_are_added_updated_overlaid_and_removed_with_the_configuration() throws IOException {
        write("schedules/morning.yml", """
                id: "morning"
                workflow: { id: "report" }
                schedule: { cron: "0 6 * * *", timezone: "UTC" }
                properties: { reportType: "morning" }
                """);
        write("environments/prod/schedules/morning.yml", """
                schedule:
                  timezone: "Europe/London"
                """);
        h.scheduler.addSchedule(TestSchedules.schedule("api-made", "0 * * * *").build());
        ConfiguredSchedules sync = new ConfiguredSchedules(h.scheduler);
        try (ConfigurationManager config = manager("prod", sync)) {
            config.start();
            ScheduledWorkflow morning = h.scheduler.getScheduleStatus("morning");
            assertThat(morning.timezone()).isEqualTo("Europe/London");
            assertThat(morning.config().properties()).containsEntry("reportType", "morning");

            write("schedules/morning.yml", """
                    id: "morning"
                    workflow: { id: "report" }
                    schedule: { cron: "0 7 * * *", timezone: "UTC" }
                    """);
            config.reload();
            assertThat(h.scheduler.getScheduleStatus("morning").cron()).isEqualTo("0 7 * * *");

            Files.delete(dir.resolve("schedules/morning.yml"));
            Files.delete(dir.resolve("environments/prod/schedules/morning.yml"));
            config.reload();
            assertThat(h.scheduler.getSchedule("morning")).isEmpty();
            assertThat(h.scheduler.getSchedule("api-made")).isPresent();
        }
    }

    @Test
    void a_configured_schedule_the_scheduler_refuses_is_reported_and_the_others_apply() {
        ConfiguredSchedules sync = new ConfiguredSchedules(h.scheduler);
        var good = TestSchedules.schedule("good", "0 6 * * *").build();
        var orphan = TestSchedules.schedule("orphan", "0 6 * * *").workflow("not-registered").build();
        sync.applied(new ConfigurationSet(null, 1, Map.of(), Map.of("orphan", orphan, "good", good), List.of(), Map.of()),
                ConfigurationSet.EMPTY);
        assertThat(sync.refused()).containsOnlyKeys("orphan");
        assertThat(sync.refused().get("orphan")).contains("no workflow 'not-registered' is registered");
        assertThat(h.scheduler.getSchedule("good")).isPresent();
    }
}
