package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.IdempotencyKeys;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.definition.WorkflowDefinition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InstanceApiIT {
    private final TestServer t = new TestServer();

    @AfterEach
    void stop() {
        t.close();
    }

    private String start(String workflowId, String body) {
        Http.Response r = t.http.post("/workflow/start/" + workflowId, body).bearer(t.operator).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("instanceId").asText();
    }

    private String statusOf(String id) {
        return t.http.get("/workflow/instance/" + id).bearer(t.operator).send().json().path("status").asText();
    }

    private void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(id).equals(status));
    }

    @Test
    void start_takes_data_priority_metadata_and_reference_and_answers_201_with_a_location() {
        Http.Response r = t.http.post("/workflow/start/orders?version=1",
                        "{\"data\":{\"orderId\":\"A-17\",\"amount\":42,\"items\":[\"x\"]},\"priority\":\"high\","
                                + "\"metadata\":{\"source\":\"web\",\"attempt\":2,\"vip\":true},\"reference\":\"A-17\"}")
                .bearer(t.operator).send();
        assertThat(r.status()).isEqualTo(201);
        assertThat(r.contentType()).startsWith("application/json");
        String id = r.json().path("instanceId").asText();
        assertThat(r.header("Location")).contains("/workflow/instance/" + id);
        assertThat(r.json().path("version").asText()).isEqualTo("1");
        assertThat(r.header("X-Request-Id")).isPresent();
        assertThat(r.header("Cache-Control")).contains("no-store");

        JsonNode instance = t.http.get("/workflow/instance/" + id).bearer(t.operator).send().json();
        assertThat(instance.path("workflowId").asText()).isEqualTo("orders");
        assertThat(instance.path("version").asText()).isEqualTo("1");
        assertThat(instance.path("priority").asText()).isEqualTo("HIGH");
        assertThat(instance.path("reference").asText()).isEqualTo("A-17");
        assertThat(instance.path("namespace").asText()).isEqualTo("default");
        assertThat(instance.path("metadata").path("attempt").asText()).isEqualTo("2");
        assertThat(instance.path("metadata").path("vip").asText()).isEqualTo("true");
        assertThat(instance.path("data").path("amount").asInt()).isEqualTo(42);
        assertThat(instance.path("data").path("items").get(0).asText()).isEqualTo("x");
    }

    @Test
    void start_without_a_body_or_version_runs_the_latest_version_with_empty_data() {
        String id = start("orders", null);
        assertThat(t.http.get("/workflow/instance/" + id).bearer(t.operator).send().json().path("version").asText())
                .isEqualTo("2");
        String quick = start("quick", "");
        awaitStatus(quick, "COMPLETED");
    }

    @Test
    void an_unknown_workflow_or_version_is_404() {
        Http.Response unknown = t.http.post("/workflow/start/nope", "{}").bearer(t.operator).send();
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.problem()).isEqualTo("workflow-not-found");
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        Http.Response version = t.http.post("/workflow/start/orders?version=9", "{}").bearer(t.operator).send();
        assertThat(version.status()).isEqualTo(404);
        assertThat(version.problem()).isEqualTo("workflow-not-found");
    }

    @Test
    void the_same_idempotency_key_starts_one_instance_per_caller() {
        Http.Response first = t.http.post("/workflow/start/orders", "{}").bearer(t.operator)
                .header("Idempotency-Key", "order-A-17").send();
        Http.Response again = t.http.post("/workflow/start/orders", "{}").bearer(t.operator)
                .header("Idempotency-Key", "order-A-17").send();
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).contains("true");
        assertThat(again.json().path("instanceId")).isEqualTo(first.json().path("instanceId"));

        String otherCaller = t.tokens.hs256("someone-else", null, List.of("operator"), null);
        Http.Response other = t.http.post("/workflow/start/orders", "{}").bearer(otherCaller)
                .header("Idempotency-Key", "order-A-17").send();
        assertThat(other.status()).isEqualTo(201);
        assertThat(other.json().path("instanceId")).isNotEqualTo(first.json().path("instanceId"));

        Http.Response otherKey = t.http.post("/workflow/start/orders", "{}").bearer(t.operator)
                .header("Idempotency-Key", "order-A-18").send();
        assertThat(otherKey.json().path("instanceId")).isNotEqualTo(first.json().path("instanceId"));
    }

    @Test
    void a_key_that_already_belongs_to_an_instance_of_another_workflow_is_a_409_not_that_instance() {
        // an embedded start that happened to store the very key the API derives for olga, orders and "order-A-19"
        String foreign = t.runner.startWorkflow("quick", null, null, StartOptions.DEFAULT
                .withIdempotencyKey(IdempotencyKeys.scoped("http", "olga", "orders", "order-A-19")));

        Http.Response r = t.http.post("/workflow/start/orders", "{}").bearer(t.operator)
                .header("Idempotency-Key", "order-A-19").send();

        assertThat(r.status()).as(r.toString()).isEqualTo(409);
        assertThat(r.problem()).isEqualTo("idempotency-conflict");
        assertThat(r.body()).doesNotContain(foreign).doesNotContain("quick");
    }

    @Test
    void pause_resume_and_cancel_follow_the_lifecycle_and_refuse_other_transitions_with_409() {
        String id = start("orders", "{\"data\":{\"orderId\":\"P-1\"}}");
        awaitStatus(id, "RUNNING");

        Http.Response pause = t.http.post("/workflow/instance/" + id + "/pause", null).bearer(t.operator).send();
        assertThat(pause.status()).isEqualTo(202);
        assertThat(pause.json().path("requested").asText()).isEqualTo("pause");
        awaitStatus(id, "PAUSED");

        Http.Response pauseAgain = t.http.post("/workflow/instance/" + id + "/pause", null).bearer(t.operator).send();
        assertThat(pauseAgain.status()).isEqualTo(409);
        assertThat(pauseAgain.problem()).isEqualTo("illegal-transition");
        assertThat(pauseAgain.json().path("detail").asText()).contains("PAUSED");

        assertThat(t.http.post("/workflow/instance/" + id + "/resume", null).bearer(t.operator).send().status()).isEqualTo(202);
        awaitStatus(id, "RUNNING");
        assertThat(t.http.post("/workflow/instance/" + id + "/retry", null).bearer(t.operator).send().status()).isEqualTo(409);

        Http.Response cancel = t.http.delete("/workflow/instance/" + id).bearer(t.operator).send();
        assertThat(cancel.status()).isEqualTo(202);
        awaitStatus(id, "CANCELLED");
        assertThat(t.http.post("/workflow/instance/" + id + "/resume", null).bearer(t.operator).send().status()).isEqualTo(409);
        assertThat(t.http.delete("/workflow/instance/" + id).bearer(t.operator).send().status()).isEqualTo(409);
    }

    @Test
    void a_failed_instance_can_be_retried_and_its_history_shows_attempts_and_errors() {
        String id = start("flaky", null);
        awaitStatus(id, "FAILED");
        JsonNode history = t.http.get("/workflow/instance/" + id + "/history").bearer(t.operator).send().json();
        assertThat(history.path("failure").path("step").asText()).isEqualTo("explode");
        JsonNode step = history.path("steps").get(0);
        assertThat(step.path("stepName").asText()).isEqualTo("explode");
        assertThat(step.path("attempts").asInt()).isEqualTo(1);
        assertThat(step.path("status").asText()).isEqualTo("FAILED");
        assertThat(step.path("errorMessage").asText()).contains("it fails the first time");

        Http.Response retry = t.http.post("/workflow/instance/" + id + "/retry", null).bearer(t.operator).send();
        assertThat(retry.status()).isEqualTo(202);
        awaitStatus(id, "COMPLETED");
        assertThat(t.http.get("/workflow/instance/" + id + "/history").bearer(t.operator).send().json()
                .path("steps").get(0).path("status").asText()).isEqualTo("COMPLETE");
        assertThat(t.http.post("/workflow/instance/" + id + "/retry", null).bearer(t.operator).send().status())
                .isEqualTo(409);
    }

    @Test
    void retrying_an_instance_that_timed_out_is_a_409_that_says_to_start_a_new_one() {
        t.runner.registerWorkflow(WorkflowDefinition.define("expiring", "1", TestServer.OrderData.class, b -> b
                .workflowTimeout(Duration.ofMillis(1))
                .startWith("wait", ctx -> ExecutionResult.waitForEvent("never", "sent"))));
        String id = start("expiring", null);
        awaitStatus(id, "FAILED");

        Http.Response retry = t.http.post("/workflow/instance/" + id + "/retry", null).bearer(t.operator).send();

        assertThat(retry.status()).as(retry.toString()).isEqualTo(409);
        assertThat(retry.problem()).isEqualTo("illegal-transition");
        assertThat(retry.json().path("detail").asText()).contains("TIMEOUT").contains("start a new instance");
        assertThat(statusOf(id)).isEqualTo("FAILED");
    }

    @Test
    void a_published_event_reaches_the_waiting_instance() {
        String id = start("orders", "{\"data\":{\"orderId\":\"E-1\"}}");
        awaitStatus(id, "RUNNING");
        Http.Response published = t.http.post("/workflow/events", "{\"name\":\"paid\",\"key\":\"E-1\",\"data\":\"card\"}")
                .bearer(t.globalOperator).send();
        assertThat(published.status()).as(published.toString()).isEqualTo(202);
        assertThat(published.json().path("eventId").asText()).isNotBlank();
        awaitStatus(id, "COMPLETED");
        JsonNode data = t.http.get("/workflow/instance/" + id).bearer(t.operator).send().json().path("data");
        assertThat(data.path("shipped").asBoolean()).isTrue();
        assertThat(data.path("paidBy").asText()).isEqualTo("card");
    }

    @Test
    void instances_are_listed_newest_first_filtered_and_paginated() {
        List<String> ids = new ArrayList<>();
        Instant before = Instant.now();
        for (int i = 0; i < 5; i++) {
            ids.add(start("orders", "{\"data\":{\"orderId\":\"L-" + i + "\"},\"reference\":\"ref-" + (i % 2) + "\"}"));
        }
        String quick = start("quick", null);
        awaitStatus(quick, "COMPLETED");

        JsonNode all = t.http.get("/workflow/instances?workflowId=orders&limit=2").bearer(t.operator).send().json();
        assertThat(all.path("items")).hasSize(2);
        assertThat(all.path("hasMore").asBoolean()).isTrue();
        assertThat(all.path("nextOffset").asInt()).isEqualTo(2);
        assertThat(all.path("items").get(0).path("instanceId").asText()).isEqualTo(ids.get(4));
        assertThat(all.path("items").get(0).has("data")).isFalse();

        Set<String> paged = new HashSet<>();
        int offset = 0;
        while (true) {
            JsonNode page = t.http.get("/workflow/instances?workflowId=orders&limit=2&offset=" + offset)
                    .bearer(t.operator).send().json();
            page.path("items").forEach(i -> paged.add(i.path("instanceId").asText()));
            if (!page.path("hasMore").asBoolean()) {
                break;
            }
            offset = page.path("nextOffset").asInt();
        }
        assertThat(paged).containsExactlyInAnyOrderElementsOf(ids);

        assertThat(t.http.get("/workflow/instances?reference=ref-1").bearer(t.operator).send().json().path("items"))
                .hasSize(2);
        assertThat(t.http.get("/workflow/instances?status=COMPLETED").bearer(t.operator).send().json().path("items"))
                .singleElement().satisfies(i -> assertThat(i.path("instanceId").asText()).isEqualTo(quick));
        assertThat(t.http.get("/workflow/instances?status=running,completed").bearer(t.operator).send().json()
                .path("items")).hasSize(6);
        assertThat(t.http.get("/workflow/instances?from=" + before).bearer(t.operator).send().json().path("items"))
                .hasSize(6);
        assertThat(t.http.get("/workflow/instances?to=" + before).bearer(t.operator).send().json().path("items")).isEmpty();
    }
}
