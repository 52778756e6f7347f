package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import io.reactory.workflow.security.RateLimitOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code /workflow/schedules} on the Scheduler: what the API creates fires; what it deletes stops. */
class ScheduledApiIT {
    private static final String EVERY_SECOND = """
            {"id": "ticker", "workflow": {"id": "quick", "version": "1"},
             "schedule": {"cron": "* * * * * *", "timezone": "UTC"},
             "properties": {"orderId": "from-schedule"}, "maxConcurrent": 1}""";

    private WorkflowScheduler scheduler;
    private final TestServer t = new TestServer(RateLimitOptions.disabled(), new InMemoryWorkflowStore(), runner -> {
        scheduler = WorkflowScheduler.builder(runner).build();
        scheduler.initialize();
        return new SchedulerScheduleService(scheduler);
    });

    @AfterEach
    void stop() {
        scheduler.close();
        t.close();
    }

    private List<InstanceInfo> scheduledRuns() {
        return t.runner.findInstances(new InstanceQuery(null, "quick", null, null, null, null, 0, 1000)).stream()
                .filter(i -> "ticker".equals(i.metadata().get("reactory.scheduleId"))).toList();
    }

    @Test
    void a_schedule_created_through_the_api_fires_and_stops_when_deleted() {
        Http.Response created = t.http.post("/workflow/schedules", EVERY_SECOND).bearer(t.admin).send();
        assertThat(created.status()).isEqualTo(201);
        assertThat(t.http.post("/workflow/schedules", EVERY_SECOND).bearer(t.admin).send().problem())
                .isEqualTo("schedule-exists");

        await().atMost(Duration.ofSeconds(10)).until(() -> scheduledRuns().size() >= 2);
        assertThat(scheduler.getScheduleStatus("ticker").fired()).isGreaterThanOrEqualTo(2);
        assertThat(t.http.get("/workflow/schedules/ticker").bearer(t.admin).send().json()
                .path("schedule").path("cron").asText()).isEqualTo("* * * * * *");

        assertThat(t.http.delete("/workflow/schedules/ticker").bearer(t.admin).send().status()).isEqualTo(200);
        int afterDelete = scheduledRuns().size();
        assertThat(t.http.get("/workflow/schedules/ticker").bearer(t.admin).send().status()).isEqualTo(404);
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> scheduledRuns().size() <= afterDelete + 1);
    }

    @Test
    void the_status_is_the_schedulers_and_pause_and_resume_reach_it() {
        assertThat(t.http.post("/workflow/schedules", EVERY_SECOND).bearer(t.admin).send().status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(10)).until(() -> t.http.get("/workflow/schedules/ticker").bearer(t.admin).send()
                .json().path("status").path("lastOutcome").asText().equals("COMPLETED"));
        JsonNode status = t.http.get("/workflow/schedules/ticker").bearer(t.admin).send().json().path("status");
        assertThat(status.path("fired").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(Instant.parse(status.path("nextFireTime").asText())).isAfter(Instant.parse(status.path("lastFireTime").asText()));

        JsonNode paused = t.http.post("/workflow/schedules/ticker/pause", null).bearer(t.admin).send().json();
        assertThat(paused.path("status").path("paused").asBoolean()).isTrue();
        assertThat(scheduler.getScheduleStatus("ticker").paused()).isTrue();
        int afterPause = scheduledRuns().size();
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> scheduledRuns().size() <= afterPause + 1);
        assertThat(t.http.post("/workflow/schedules/ticker/resume", null).bearer(t.admin).send().json()
                .path("status").path("paused").asBoolean()).isFalse();
        assertThat(scheduler.getScheduleStatus("ticker").paused()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> scheduledRuns().size() >= afterPause + 2);
        assertThat(t.http.post("/workflow/schedules/nope/pause", null).bearer(t.admin).send().status()).isEqualTo(404);
    }

    @Test
    void an_invalid_cron_expression_is_refused_with_its_field_and_position() {
        Http.Response r = t.http.post("/workflow/schedules", EVERY_SECOND.replace("* * * * * *", "0 25 * * *"))
                .bearer(t.admin).send();
        assertThat(r.status()).isEqualTo(422);
        assertThat(r.json().path("detail").asText()).contains("schedule.cron").contains("field 2 (hour) at column 3");
    }

    @Test
    void durations_that_would_overflow_the_fire_time_arithmetic_are_refused_naming_the_field() {
        record Case(String replace, String with, String field) {}
        for (Case c : List.of(
                new Case("\"maxConcurrent\": 1", "\"maxConcurrent\": 1, \"timeout\": 9223372036854775807", "timeout"),
                new Case("\"maxConcurrent\": 1", "\"maxConcurrent\": 1, \"retry\": {\"attempts\": 2, \"delay\": "
                        + "9223372036854775807}", "retry.delay"),
                new Case("\"timezone\": \"UTC\"", "\"timezone\": \"UTC\", \"catchUpWindow\": \"PT999999999H\"",
                        "schedule.catchUpWindow"))) {
            String body = EVERY_SECOND.replace(c.replace(), c.with());
            Http.Response r = t.http.post("/workflow/schedules", body).bearer(t.admin).send();
            assertThat(r.status()).as(body).isEqualTo(422);
            assertThat(r.json().path("detail").asText()).as(body).contains(c.field() + ": must be at most");
        }
        assertThat(t.http.get("/workflow/schedules/ticker").bearer(t.admin).send().status()).isEqualTo(404);
    }
}
