package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The endpoints the dashboard added: the caller, counts, allowed controls, the metrics series, cron previews, schedules. */
class DashboardApiIT {
    private final TestServer t = new TestServer();

    @AfterEach
    void stop() {
        t.close();
    }

    private String start(String workflowId, String token) {
        Http.Response r = t.http.post("/workflow/start/" + workflowId, "{}").bearer(token).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("instanceId").asText();
    }

    private void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                t.http.get("/workflow/instance/" + id).bearer(t.admin).send().json().path("status").asText().equals(status));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void me_names_the_caller_its_roles_and_what_it_may_do_in_general() {
        JsonNode admin = t.http.get("/workflow/me").bearer(t.admin).send().json();
        assertThat(admin.path("userId").asText()).isEqualTo("root");
        assertThat(admin.path("namespace").asText()).isEqualTo("*");
        assertThat(texts(admin.path("roles"))).containsExactly("admin");
        assertThat(admin.path("authenticatedBy").asText()).isEqualTo("jwt");
        assertThat(admin.path("may").path("admin").asBoolean()).isTrue();
        assertThat(admin.path("may").path("readMetrics").asBoolean()).isTrue();

        JsonNode viewer = t.http.get("/workflow/me").bearer(t.viewer).send().json();
        assertThat(viewer.path("namespace").asText()).isEqualTo("default");
        assertThat(texts(viewer.path("permissions"))).containsExactly("workflow:read");
        assertThat(viewer.path("may").path("read").asBoolean()).isTrue();
        for (String action : List.of("start", "pause", "resume", "cancel", "retry", "publishEvent", "readMetrics", "admin")) {
            assertThat(viewer.path("may").path(action).asBoolean()).as(action).isFalse();
        }
        JsonNode operator = t.http.get("/workflow/me").bearer(t.operator).send().json();
        assertThat(operator.path("may").path("pause").asBoolean()).isTrue();
        assertThat(operator.path("may").path("admin").asBoolean()).isFalse();
    }

    @Test
    void an_instance_says_which_controls_its_caller_may_use() {
        String orders = start("orders", t.operator);
        assertThat(texts(t.http.get("/workflow/instance/" + orders).bearer(t.operator).send().json().path("allowedActions")))
                .containsExactly("pause", "resume", "cancel", "retry");
        assertThat(t.http.get("/workflow/instance/" + orders).bearer(t.viewer).send().json().path("allowedActions"))
                .isEmpty();
        String etl = start("etl-job", t.engineer);
        assertThat(texts(t.http.get("/workflow/instance/" + etl).bearer(t.engineer).send().json().path("allowedActions")))
                .containsExactly("pause", "resume", "cancel", "retry");
        // the global operator sees etl-job's instance but is not among its allowed roles
        assertThat(t.http.get("/workflow/instance/" + etl).bearer(t.globalOperator).send().status()).isEqualTo(403);
    }

    @Test
    void counts_per_status_are_exact_for_a_global_admin_and_scoped_to_what_the_caller_may_read() {
        String quick = start("quick", t.operator);
        String orders = start("orders", t.operator);
        String flaky = start("flaky", t.operator);
        String etl = start("etl-job", t.engineer);
        awaitStatus(quick, "COMPLETED");
        awaitStatus(orders, "RUNNING");
        awaitStatus(flaky, "FAILED");
        awaitStatus(etl, "RUNNING");

        JsonNode admin = t.http.get("/workflow/instances/counts").bearer(t.admin).send().json();
        assertThat(admin.path("exact").asBoolean()).isTrue();
        assertThat(admin.path("counts").path("RUNNING").asLong()).isEqualTo(2);
        assertThat(admin.path("counts").path("COMPLETED").asLong()).isEqualTo(1);
        assertThat(admin.path("counts").path("FAILED").asLong()).isEqualTo(1);
        assertThat(admin.path("counts").path("PAUSED").asLong()).isZero();
        assertThat(admin.path("total").asLong()).isEqualTo(4);

        JsonNode operator = t.http.get("/workflow/instances/counts").bearer(t.operator).send().json();
        assertThat(operator.path("counts").path("RUNNING").asLong()).isEqualTo(1);
        assertThat(operator.path("total").asLong()).isEqualTo(3);
        JsonNode engineer = t.http.get("/workflow/instances/counts").bearer(t.engineer).send().json();
        assertThat(engineer.path("counts").path("RUNNING").asLong()).isEqualTo(1);
        assertThat(engineer.path("total").asLong()).isEqualTo(1);
        // every namespace, but etl-job's rules hide its instance
        JsonNode global = t.http.get("/workflow/instances/counts").bearer(t.globalOperator).send().json();
        assertThat(global.path("counts").path("RUNNING").asLong()).isEqualTo(1);
        assertThat(global.path("total").asLong()).isEqualTo(3);
        assertThat(t.http.get("/workflow/instances/counts").bearer(t.outsider).send().json().path("total").asLong()).isZero();
    }

    @Test
    void the_cron_preview_lists_the_next_fire_times_in_the_schedules_time_zone() {
        JsonNode london = t.http.get("/workflow/cron/preview?cron=0+9+*+*+*&timezone=Europe/London&count=7")
                .bearer(t.viewer).send().json();
        assertThat(london.path("valid").asBoolean()).isTrue();
        assertThat(london.path("timezone").asText()).isEqualTo("Europe/London");
        assertThat(london.path("next")).hasSize(7);
        Instant previous = Instant.MIN;
        for (JsonNode time : london.path("next")) {
            Instant at = Instant.parse(time.path("at").asText());
            OffsetDateTime local = OffsetDateTime.parse(time.path("local").asText());
            assertThat(at).isAfter(previous).isEqualTo(local.toInstant());
            assertThat(local.getHour()).isEqualTo(9);
            assertThat(local.getMinute()).isZero();
            previous = at;
        }
        JsonNode utc = t.http.get("/workflow/cron/preview?cron=@hourly").bearer(t.viewer).send().json();
        assertThat(utc.path("timezone").asText()).isEqualTo("UTC");
        assertThat(utc.path("next")).hasSize(5);

        JsonNode badMinute = t.http.get("/workflow/cron/preview?cron=61+9+*+*+*").bearer(t.viewer).send().json();
        assertThat(badMinute.path("valid").asBoolean()).isFalse();
        assertThat(badMinute.path("next")).isEmpty();
        assertThat(badMinute.path("problems").get(0).path("field").asText()).isEqualTo("cron");
        assertThat(badMinute.path("problems").get(0).path("message").asText()).contains("minute", "61");
        JsonNode badZone = t.http.get("/workflow/cron/preview?cron=0+9+*+*+*&timezone=Mars/Olympus").bearer(t.viewer)
                .send().json();
        assertThat(badZone.path("valid").asBoolean()).isFalse();
        assertThat(badZone.path("problems").get(0).path("field").asText()).isEqualTo("timezone");
        assertThat(t.http.get("/workflow/cron/preview").bearer(t.viewer).send().json().path("valid").asBoolean()).isFalse();
        JsonNode badPolicy = t.http.get("/workflow/cron/preview?cron=@daily&dstGap=sometimes").bearer(t.viewer).send().json();
        assertThat(badPolicy.path("valid").asBoolean()).isFalse();
        assertThat(badPolicy.path("problems").get(0).path("field").asText()).isEqualTo("dstGap");
        Http.Response tooMany = t.http.get("/workflow/cron/preview?cron=@daily&count=21").bearer(t.viewer).send();
        assertThat(tooMany.status()).isEqualTo(422);
        assertThat(tooMany.problem()).isEqualTo("invalid-request");
    }

    @Test
    void schedules_carry_a_read_only_status_and_pausing_and_resuming_is_audited() {
        String schedule = """
                {"id": "nightly", "workflow": {"id": "quick"}, "schedule": {"cron": "0 2 * * *", "timezone": "Europe/Paris"}}""";
        assertThat(t.http.post("/workflow/schedules", schedule).bearer(t.admin).send().status()).isEqualTo(201);
        JsonNode created = t.http.get("/workflow/schedules/nightly").bearer(t.admin).send().json();
        assertThat(created.path("status").path("paused").asBoolean()).isFalse();
        assertThat(created.path("status").path("enabled").asBoolean()).isTrue();
        Instant next = Instant.parse(created.path("status").path("nextFireTime").asText());
        assertThat(next.atZone(java.time.ZoneId.of("Europe/Paris")).getHour()).isEqualTo(2);
        assertThat(created.path("status").has("lastFireTime")).isFalse();

        Http.Response paused = t.http.post("/workflow/schedules/nightly/pause", null).bearer(t.admin).send();
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().path("status").path("paused").asBoolean()).isTrue();
        assertThat(paused.json().path("status").has("nextFireTime")).isFalse();
        JsonNode listed = t.http.get("/workflow/schedules").bearer(t.admin).send().json().path("items").get(0);
        assertThat(listed.path("status").path("paused").asBoolean()).isTrue();

        // a document read, edited and sent back carries its status, which is ignored
        ObjectNode edited = (ObjectNode) listed;
        ((ObjectNode) edited.path("schedule")).put("cron", "0 3 * * *");
        ((ObjectNode) edited.path("status")).put("paused", false);
        Http.Response updated = t.http.put("/workflow/schedules/nightly", edited.toString()).bearer(t.admin).send();
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.json().path("schedule").path("cron").asText()).isEqualTo("0 3 * * *");
        assertThat(updated.json().path("status").path("paused").asBoolean()).isTrue();

        assertThat(t.http.post("/workflow/schedules/nightly/resume", null).bearer(t.admin).send().json()
                .path("status").path("paused").asBoolean()).isFalse();
        Http.Response missing = t.http.post("/workflow/schedules/nope/pause", null).bearer(t.admin).send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problem()).isEqualTo("schedule-not-found");

        JsonNode audit = t.http.get("/workflow/audit?target=schedule/nightly").bearer(t.admin).send().json().path("items");
        List<String> actions = new ArrayList<>();
        audit.forEach(e -> actions.add(e.path("action").asText() + " " + e.path("outcome").asText()));
        assertThat(actions).containsExactly("schedule.resume SUCCESS", "schedule.update SUCCESS", "schedule.pause SUCCESS",
                "schedule.create SUCCESS");
    }

    @Test
    void the_metrics_series_gives_rates_over_the_minute_before_and_levels_now() {
        String quick = start("quick", t.operator);
        String flaky = start("flaky", t.operator);
        String orders = start("orders", t.operator);
        awaitStatus(quick, "COMPLETED");
        awaitStatus(flaky, "FAILED");
        awaitStatus(orders, "RUNNING");
        JsonNode series = t.http.get("/workflow/metrics/series").bearer(t.operator).send().json();
        assertThat(series.path("step").asText()).isEqualTo("PT10S");
        assertThat(series.path("window").asText()).isEqualTo("PT1H");
        JsonNode last = series.path("points").get(series.path("points").size() - 1);
        assertThat(last.path("completedPerMinute").asDouble()).isGreaterThan(0);
        assertThat(last.path("failedPerMinute").asDouble()).isGreaterThan(0);
        assertThat(last.path("startedPerMinute").asDouble()).isGreaterThanOrEqualTo(last.path("completedPerMinute").asDouble());
        assertThat(last.path("failureRate").asDouble()).isEqualTo(50.0);
        assertThat(last.path("running").asLong()).isEqualTo(1);
        assertThat(last.path("breakers").isObject()).isTrue();
        assertThat(t.http.get("/workflow/metrics/series?minutes=15").bearer(t.operator).send().json().path("window").asText())
                .isEqualTo("PT15M");
        for (String bad : List.of("0", "61", "x")) {
            assertThat(t.http.get("/workflow/metrics/series?minutes=" + bad).bearer(t.operator).send().status()).as(bad)
                    .isEqualTo(422);
        }
    }
}
