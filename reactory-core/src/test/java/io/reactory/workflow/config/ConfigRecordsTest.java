package io.reactory.workflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.config.internal.Overlay;
import io.reactory.workflow.internal.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigRecordsTest {

    @Test
    void configuration_records_use_the_yaml_names_as_json_and_read_back_equal() throws Exception {
        WorkflowConfig config = new WorkflowConfig("etl", "ns", "ETL", "1.0", true, 3, 300_000L, "normal", 5,
                List.of(WorkflowConfig.Dependency.of("a"), new WorkflowConfig.Dependency("b", "finished", "reference")),
                Map.of("format", "json"), new WorkflowConfig.Security(List.of("data:read"), true, List.of("admin")),
                new WorkflowConfig.Monitoring(true, List.of("error_rate"), List.of(), 60_000L));
        String json = Json.mapper().writeValueAsString(config);
        assertThat(json).contains("\"timeout\":300000", "\"sla\":60000").doesNotContain("timeoutMillis", "authRequired");
        String withBareDependency = json.replace("{\"workflowId\":\"a\",\"condition\":\"completed\",\"correlate\":null}", "\"a\"");
        assertThat(withBareDependency).contains("[\"a\",");
        assertThat(Json.mapper().readValue(withBareDependency, WorkflowConfig.class)).isEqualTo(config);

        ScheduleConfig schedule = new ScheduleConfig("s", null, null, new ScheduleConfig.WorkflowRef("etl", null, null),
                new ScheduleConfig.Timing("0 6 * * *", "UTC", true, null, null, null, null, null), Map.of(),
                new ScheduleConfig.Retry(3, 300L), 1800L, 1);
        String scheduleJson = Json.mapper().writeValueAsString(schedule);
        assertThat(scheduleJson).contains("\"timeout\":1800");
        assertThat(Json.mapper().readValue(scheduleJson, ScheduleConfig.class)).isEqualTo(schedule);
    }

    @Test
    void the_smallest_overlay_applied_to_the_base_gives_the_wanted_tree() {
        Map<String, Object> base = Map.of("id", "etl", "concurrency", 5L, "properties", Map.of("a", 1L, "b", 2L),
                "security", Map.of("requireAuth", true));
        Map<String, Object> wanted = Map.of("id", "etl", "concurrency", 9L, "properties", Map.of("a", 1L, "c", 3L),
                "dependencies", List.of("x"));
        Object overlay = Overlay.diff(base, wanted);
        assertThat(overlay).isEqualTo(new java.util.LinkedHashMap<>(Map.of("concurrency", 9L,
                "properties", mapWithNull("c", 3L, "b"), "dependencies", List.of("x"))) {
            {
                put("security", null);
            }
        });
        assertThat(Overlay.apply(base, overlay)).isEqualTo(wanted);
        assertThat(Overlay.diff(base, base)).isNull();
    }

    private static Map<String, Object> mapWithNull(String key, Object value, String removed) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put(key, value);
        out.put(removed, null);
        return out;
    }

    @Test
    void cron_errors_name_the_field_and_its_position() {
        assertThat(CronSyntax.check("0 6 * * *")).isNull();
        assertThat(CronSyntax.check("@daily")).isNull();
        assertThat(CronSyntax.check("0 0 6 * * *")).isNull();
        assertThat(CronSyntax.check("0 6 * * 9")).isEqualTo(new CronSyntax.Error(
                "invalid day-of-week field '9': value 9 is out of range [0, 7]", 8));
        assertThat(CronSyntax.check("@dayly").message()).contains("did you mean '@daily'?");
        assertThat(CronSyntax.parse("30 2 * * MON-FRI").text()).isEqualTo("30 2 * * MON-FRI");
        assertThat(CronSyntax.check("0 0 12 ? * MON")).as("scheduler dialect: no Quartz '?'").isNotNull();
    }
}
