package io.reactory.workflow.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The specification's two schedule examples load unchanged, fire as they say, and bad files say where. */
class ScheduleFilesTest {
    /** The specification's {@code config/schedules/daily-reports.yml}, as shipped in the examples. */
    private static final Path DAILY_REPORTS = Path.of("../examples/config/schedules/daily-reports.yml");
    /** The schedule YAML of the specification's "Scheduled Execution" section, copied verbatim. */
    private static final Path SCHEDULED_EXECUTION = Path.of("src/test/resources/specification/scheduled-execution.yml");

    private final SchedulerHarness h = new SchedulerHarness(Instant.parse("2026-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    @AfterEach
    void close() {
        h.close();
    }

    /** Data of the example report workflows: the schedules' properties land here. */
    public static class Reports {
        public String reportType;
        public List<String> reportTypes;
        public String outputPath;
    }

    private void registerReportWorkflows() {
        h.env.runner().registerWorkflow(WorkflowDefinition.define("generate-reports", "1.0", Reports.class,
                b -> b.startWith("render", ctx -> ExecutionResult.next())));
        h.env.runner().registerWorkflow(WorkflowDefinition.define("generate-report", "1", Reports.class,
                b -> b.startWith("render", ctx -> ExecutionResult.next())));
    }

    @Test
    void the_daily_reports_file_of_the_specification_loads_field_for_field() {
        List<ScheduleConfig> configs = ScheduleFiles.read(DAILY_REPORTS);
        assertThat(configs).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("daily-reports");
            assertThat(c.name()).isEqualTo("Daily Report Generation");
            assertThat(c.description()).isEqualTo("Generate daily reports for all clients");
            assertThat(c.workflow()).isEqualTo(new ScheduleConfig.WorkflowRef("generate-reports", "1.0", "reporting"));
            assertThat(c.schedule().cron()).isEqualTo("0 6 * * *");
            assertThat(c.schedule().timezone()).isEqualTo("UTC");
            assertThat(c.schedule().isEnabled()).isTrue();
            assertThat(c.properties()).containsEntry("reportTypes", List.of("sales", "inventory", "analytics"))
                    .containsEntry("outputPath", "/reports/daily");
            assertThat(c.retry()).isEqualTo(new ScheduleConfig.Retry(3, 300L));
            assertThat(c.timeoutSeconds()).isEqualTo(1800L);
            assertThat(c.maxConcurrent()).isEqualTo(1);
        });
    }

    @Test
    void the_scheduled_execution_example_of_the_specification_loads_as_a_list() {
        assertThat(ScheduleFiles.read(SCHEDULED_EXECUTION)).singleElement().satisfies(c -> {
            assertThat(c.id()).isEqualTo("daily-report");
            assertThat(c.workflow()).isEqualTo(new ScheduleConfig.WorkflowRef("generate-report", "1", null));
            assertThat(c.schedule().cron()).isEqualTo("0 9 * * *");
            assertThat(c.properties()).isEqualTo(Map.of("reportType", "daily"));
        });
    }

    @Test
    void both_examples_register_and_fire_daily_at_their_times_with_their_properties() {
        registerReportWorkflows();
        List<ScheduleConfig> configs = ScheduleFiles.read(DAILY_REPORTS);
        configs = new java.util.ArrayList<>(configs);
        configs.addAll(ScheduleFiles.read(SCHEDULED_EXECUTION));
        ScheduleFiles.Applied applied = ScheduleFiles.apply(h.scheduler, configs);
        assertThat(applied.added()).containsExactly("daily-reports", "daily-report");

        h.advanceTo(Instant.parse("2026-01-02T12:00:00Z"));

        assertThat(h.instances("generate-reports")).extracting(InstanceInfo::createdAt).containsExactly(
                Instant.parse("2026-01-01T06:00:00Z"), Instant.parse("2026-01-02T06:00:00Z"));
        InstanceInfo report = h.instances("generate-reports").get(0);
        assertThat(report.namespace()).isEqualTo("reporting");
        assertThat(Json.convert(report.data(), Reports.class).reportTypes).containsExactly("sales", "inventory", "analytics");
        assertThat(h.instances("generate-report")).extracting(InstanceInfo::createdAt).containsExactly(
                Instant.parse("2026-01-01T09:00:00Z"), Instant.parse("2026-01-02T09:00:00Z"));
        assertThat(Json.convert(h.instances("generate-report").get(0).data(), Reports.class).reportType)
                .isEqualTo("daily");
    }

    @Test
    void applying_the_same_files_again_changes_nothing_and_an_edited_file_updates_its_schedule() throws IOException {
        registerReportWorkflows();
        Files.copy(DAILY_REPORTS, dir.resolve("daily-reports.yml"));
        Files.copy(SCHEDULED_EXECUTION, dir.resolve("scheduled-execution.yaml"));
        Files.writeString(dir.resolve("notes.txt"), "not a schedule");
        assertThat(ScheduleFiles.apply(h.scheduler, ScheduleFiles.readDirectory(dir)).added()).hasSize(2);
        assertThat(ScheduleFiles.apply(h.scheduler, ScheduleFiles.readDirectory(dir)).unchanged())
                .containsExactly("daily-reports", "daily-report");

        Files.writeString(dir.resolve("daily-reports.yml"),
                Files.readString(dir.resolve("daily-reports.yml")).replace("0 6 * * *", "0 7 * * *"));
        ScheduleFiles.Applied applied = ScheduleFiles.apply(h.scheduler, ScheduleFiles.readDirectory(dir));
        assertThat(applied.updated()).containsExactly("daily-reports");
        assertThat(h.scheduler.getScheduleStatus("daily-reports").nextFireTime())
                .isEqualTo(Instant.parse("2026-01-01T07:00:00Z"));
    }

    @Test
    void a_misspelt_field_is_an_error_with_file_line_and_field() throws IOException {
        Path file = dir.resolve("typo.yml");
        Files.writeString(file, """
                id: "typo"
                workflow:
                  id: "report"
                schedule:
                  cronn: "0 6 * * *"
                """);
        assertThatThrownBy(() -> ScheduleFiles.read(file))
                .isInstanceOfSatisfying(ScheduleFileException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.file()).isEqualTo(file);
                })
                .hasMessageContaining("typo.yml line 5: schedule.cronn: unknown field (known: catchUpWindow, cron,");
    }

    @Test
    void a_value_of_the_wrong_type_and_an_invalid_schedule_are_errors_naming_the_field() throws IOException {
        Path wrongType = dir.resolve("wrong.yml");
        Files.writeString(wrongType, """
                schedules:
                  - id: "a"
                    workflow: { id: "report" }
                    schedule: { cron: "0 6 * * *" }
                    maxConcurrent: "several"
                """);
        assertThatThrownBy(() -> ScheduleFiles.read(wrongType)).isInstanceOf(ScheduleFileException.class)
                .hasMessageContaining("wrong.yml line 5: schedules[0].maxConcurrent:");

        Path badCron = dir.resolve("cron.yml");
        Files.writeString(badCron, """
                id: "b"
                workflow: { id: "report" }
                schedule: { cron: "0 6 * * MON-FRY" }
                """);
        assertThatThrownBy(() -> ScheduleFiles.read(badCron)).isInstanceOf(ScheduleFileException.class)
                .hasMessageContaining("cron.yml: schedule 'b': schedule.cron: invalid cron expression")
                .hasMessageContaining("field 5 (day-of-week)");
    }
}
