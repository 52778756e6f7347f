package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DefinitionAndSystemApiIT {
    private static TestServer t;

    @BeforeAll
    static void start() {
        t = new TestServer();
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    @Test
    void lists_the_visible_definitions_with_their_versions() {
        JsonNode items = t.http.get("/workflow/definitions").bearer(t.operator).send().json().path("items");
        List<String> ids = new ArrayList<>();
        items.forEach(i -> ids.add(i.path("workflowId").asText()));
        // etl-job (namespace etl) and public-form (namespace web) are not the operator's
        assertThat(ids).containsExactly("flaky", "orders", "quick");
        JsonNode orders = items.get(1);
        assertThat(orders.path("versions")).extracting(JsonNode::asText).containsExactly("1", "2");
        assertThat(orders.path("latest").asText()).isEqualTo("2");
        assertThat(orders.path("namespace").asText()).isEqualTo("default");

        JsonNode forAdmin = t.http.get("/workflow/definitions").bearer(t.admin).send().json().path("items");
        assertThat(forAdmin).hasSize(5);
    }

    @Test
    void shows_one_definition_with_its_steps() {
        JsonNode orders = t.http.get("/workflow/definitions/orders").bearer(t.viewer).send().json();
        assertThat(orders.path("versions")).hasSize(2);
        assertThat(orders.path("versions").get(0).path("steps")).extracting(s -> s.path("name").asText())
                .contains("reserve", "ship");
        Http.Response hidden = t.http.get("/workflow/definitions/etl-job").bearer(t.operator).send();
        Http.Response unknown = t.http.get("/workflow/definitions/nope").bearer(t.operator).send();
        assertThat(hidden.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        // a hidden workflow and an unknown one answer alike (only the id differs)
        assertThat(hidden.json().path("detail").asText().replace("etl-job", "ID"))
                .isEqualTo(unknown.json().path("detail").asText().replace("nope", "ID"));
        assertThat(hidden.problem()).isEqualTo(unknown.problem()).isEqualTo("workflow-not-found");
    }

    @Test
    void draws_a_definition_as_mermaid_by_version() {
        JsonNode graph = t.http.get("/workflow/definitions/orders/graph?version=1").bearer(t.viewer).send().json();
        assertThat(graph.path("format").asText()).isEqualTo("mermaid");
        assertThat(graph.path("version").asText()).isEqualTo("1");
        assertThat(graph.path("graph").asText()).startsWith("flowchart").contains("reserve").contains("ship");
        assertThat(t.http.get("/workflow/definitions/orders/graph").bearer(t.viewer).send().json().path("version")
                .asText()).isEqualTo("2");
        Http.Response missing = t.http.get("/workflow/definitions/orders/graph?version=7").bearer(t.viewer).send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problem()).isEqualTo("workflow-not-found");
    }

    @Test
    void status_is_public_and_says_the_server_is_up() {
        Http.Response status = t.http.get("/workflow/status").send();
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.json().path("status").asText()).isEqualTo("UP");
        assertThat(status.json().path("store").asText()).isEqualTo("memory");
        assertThat(status.json().path("ready").asBoolean()).isTrue();
        assertThat(status.json().path("components").path("store").path("status").asText()).isEqualTo("UP");
        assertThat(status.json().path("components").path("engine").path("critical").asBoolean()).isTrue();
    }

    @Test
    void metrics_are_prometheus_text_with_the_runner_figures_for_callers_allowed_to_read_them() {
        String id = t.http.post("/workflow/start/quick", null).bearer(t.operator).send().json().path("instanceId").asText();
        // the step's meters exist once it has run
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> t.http
                .get("/workflow/instance/" + id).bearer(t.operator).send().json().path("status").asText().equals("COMPLETED"));
        Http.Response metrics = t.http.get("/workflow/metrics").bearer(t.operator).send();
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        // (issue 10 renamed the runner's meters: started per workflow, steps as the step duration timer's count)
        assertThat(metrics.body()).contains("reactory_workflow_started_total{workflow=\"quick\"}",
                "reactory_instances{status=\"PENDING\"", "reactory_step_duration_seconds_count",
                "reactory_definitions 6.0", "reactory_http_requests_seconds_count");
        assertThat(t.http.get("/workflow/metrics").bearer(t.viewer).send().status()).isEqualTo(403);
        assertThat(t.http.get("/workflow/metrics").send().status()).isEqualTo(401);
    }

    @Test
    void unknown_routes_and_methods_answer_problems() {
        Http.Response route = t.http.get("/workflow/nothing-here").bearer(t.admin).send();
        assertThat(route.status()).isEqualTo(404);
        assertThat(route.problem()).isEqualTo("not-found");
        assertThat(route.contentType()).startsWith("application/problem+json");
        Http.Response method = t.http.put("/workflow/status", "{}").send();
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.problem()).isEqualTo("method-not-allowed");
    }
}
