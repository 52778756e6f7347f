package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint called by an anonymous caller, a caller with the wrong role, one with the right role, and one of
 * another namespace. Refusals come first (they must change nothing), the allowed call last.
 */
class AuthorizationMatrixIT {
    private static TestServer t;
    /** No roles, no permissions, default namespace. */
    private static String nobody;
    /** Operator of namespace etl: sees etl-job, but its role is not among etl-job's allowedRoles. */
    private static String etlOperator;
    /** Admin of namespace etl only: not enough for admin operations. */
    private static String etlAdmin;

    @BeforeAll
    static void start() {
        t = new TestServer();
        nobody = t.tokens.hs256("nobody", null, List.of(), List.of());
        etlOperator = t.tokens.hs256("eric", "etl", List.of("operator"), List.of("data:read", "data:write"));
        etlAdmin = t.tokens.hs256("ella", "etl", List.of("admin"), null);
    }

    @AfterAll
    static void stop() {
        t.close();
    }

    /** One endpoint: how to call it, and the status expected per caller (in order: refusals, then the allowed call). */
    private record Row(String endpoint, Function<String, Http.Response> call, Map<String, Integer> expected) {}

    private static Map<String, Integer> expect(Object... tokenAndStatus) {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (int i = 0; i < tokenAndStatus.length; i += 2) {
            m.put((String) tokenAndStatus[i], (Integer) tokenAndStatus[i + 1]);
        }
        return m;
    }

    private static final String ANONYMOUS = "anonymous";

    private static String startAsAdmin(String workflowId, String body) {
        Http.Response r = t.http.post("/workflow/start/" + workflowId, body).bearer(t.admin).send();
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().path("instanceId").asText();
    }

    private static void awaitStatus(String id, String status) {
        await().atMost(Duration.ofSeconds(10)).until(() ->
                t.http.get("/workflow/instance/" + id).bearer(t.admin).send().json().path("status").asText().equals(status));
    }

    private static Function<String, Http.Response> get(String path) {
        return token -> t.http.get(path).bearer(token).send();
    }

    private static Function<String, Http.Response> post(String path, String body) {
        return token -> t.http.post(path, body).bearer(token).send();
    }

    @TestFactory
    List<DynamicTest> every_endpoint_by_every_kind_of_caller() {
        String running = startAsAdmin("orders", "{\"data\":{\"orderId\":\"m-1\"}}");
        String toResume = startAsAdmin("orders", "{\"data\":{\"orderId\":\"m-2\"}}");
        String toCancel = startAsAdmin("orders", "{\"data\":{\"orderId\":\"m-3\"}}");
        String failed = startAsAdmin("flaky", null);
        String etlInstance = startAsAdmin("etl-job", null);
        awaitStatus(toResume, "RUNNING");
        t.http.post("/workflow/instance/" + toResume + "/pause", null).bearer(t.admin).send();
        awaitStatus(toResume, "PAUSED");
        awaitStatus(failed, "FAILED");
        awaitStatus(running, "RUNNING");
        awaitStatus(toCancel, "RUNNING");
        String schedule = """
                {"id": "matrix", "workflow": {"id": "quick"}, "schedule": {"cron": "0 6 * * *"}}""";

        List<Row> rows = List.of(
                new Row("GET /workflow/status", get("/workflow/status"),
                        expect(ANONYMOUS, 200, nobody, 200, t.outsider, 200, t.viewer, 200)),
                new Row("GET /workflow/openapi.yaml", get("/workflow/openapi.yaml"),
                        expect(ANONYMOUS, 200, nobody, 200, t.outsider, 200, t.viewer, 200)),
                new Row("GET /workflow/metrics", get("/workflow/metrics"),
                        expect(ANONYMOUS, 401, t.viewer, 403, t.outsider, 200, t.operator, 200)),
                new Row("GET /workflow/metrics/series", get("/workflow/metrics/series"),
                        expect(ANONYMOUS, 401, t.viewer, 403, t.outsider, 200, t.operator, 200)),
                new Row("GET /workflow/me", get("/workflow/me"),
                        expect(ANONYMOUS, 401, nobody, 200, t.outsider, 200, t.viewer, 200)),
                new Row("GET /workflow/cron/preview", get("/workflow/cron/preview?cron=0+6+*+*+*"),
                        expect(ANONYMOUS, 401, nobody, 200, t.viewer, 200)),
                new Row("POST /workflow/start/orders", post("/workflow/start/orders", "{}"),
                        expect(ANONYMOUS, 401, t.viewer, 403, t.outsider, 404, t.operator, 201)),
                new Row("POST /workflow/start/etl-job (allowedRoles, permissions)", post("/workflow/start/etl-job", "{}"),
                        expect(ANONYMOUS, 401, etlOperator, 403, t.operator, 404, t.engineer, 201)),
                new Row("POST /workflow/start/public-form (requireAuth: false)", post("/workflow/start/public-form", "{}"),
                        expect(t.outsider, 201, nobody, 201, ANONYMOUS, 201)),
                new Row("GET /workflow/instances", get("/workflow/instances"),
                        expect(ANONYMOUS, 401, nobody, 403, t.outsider, 200, t.viewer, 200)),
                new Row("GET /workflow/instances/counts", get("/workflow/instances/counts"),
                        expect(ANONYMOUS, 401, nobody, 403, t.outsider, 200, t.viewer, 200)),
                new Row("GET /workflow/instance/{id}", get("/workflow/instance/" + running),
                        expect(ANONYMOUS, 401, nobody, 403, t.outsider, 404, t.viewer, 200)),
                new Row("GET /workflow/instance/{id} (etl)", get("/workflow/instance/" + etlInstance),
                        expect(ANONYMOUS, 401, etlOperator, 403, t.operator, 404, t.engineer, 200)),
                new Row("GET /workflow/instance/{id}/history", get("/workflow/instance/" + running + "/history"),
                        expect(ANONYMOUS, 401, nobody, 403, t.outsider, 404, t.viewer, 200)),
                new Row("POST /workflow/instance/{id}/pause", post("/workflow/instance/" + running + "/pause", null),
                        expect(ANONYMOUS, 401, t.viewer, 403, t.outsider, 404, t.operator, 202)),
                new Row("POST /workflow/instance/{id}/resume", post("/workflow/instance/" + toResume + "/resume", null),
                        expect(ANONYMOUS, 401, t.viewer, 403, t.outsider, 404, t.operator, 202)),
                new Row("POST /workflow/instance/{id}/retry", post("/workflow/instance/" + failed + "/retry", null),
                        expect(ANONYMOUS, 401, t.viewer, 403, t.outsider, 404, t.operator, 202)),
                new Row("DELETE /workflow/instance/{id}", token -> t.http.delete("/workflow/instance/" + toCancel).bearer(token).send(),
                        expect(ANONYMOUS, 401, t.viewer, 403, t.outsider, 404, t.operator, 202)),
                new Row("GET /workflow/definitions", get("/workflow/definitions"),
                        expect(ANONYMOUS, 401, nobody, 403, t.outsider, 200, t.viewer, 200)),
                new Row("GET /workflow/definitions/{id}", get("/workflow/definitions/orders"),
                        expect(ANONYMOUS, 401, nobody, 403, t.outsider, 404, t.viewer, 200)),
                new Row("GET /workflow/definitions/{id}/graph", get("/workflow/definitions/orders/graph"),
                        expect(ANONYMOUS, 401, nobody, 403, t.outsider, 404, t.viewer, 200)),
                new Row("POST /workflow/events", post("/workflow/events", "{\"name\":\"paid\",\"key\":\"nobody-waits\"}"),
                        expect(ANONYMOUS, 401, t.viewer, 403, t.operator, 403, t.globalOperator, 202)),
                new Row("GET /workflow/schedules", get("/workflow/schedules"),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("POST /workflow/schedules", post("/workflow/schedules", schedule),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 201)),
                new Row("GET /workflow/schedules/{id}", get("/workflow/schedules/matrix"),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("PUT /workflow/schedules/{id}", token -> t.http.put("/workflow/schedules/matrix", schedule).bearer(token).send(),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("POST /workflow/schedules/{id}/pause", post("/workflow/schedules/matrix/pause", null),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("POST /workflow/schedules/{id}/resume", post("/workflow/schedules/matrix/resume", null),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("DELETE /workflow/schedules/{id}", token -> t.http.delete("/workflow/schedules/matrix").bearer(token).send(),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("GET /workflow/audit", get("/workflow/audit"),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("GET /workflow/audit/verify", get("/workflow/audit/verify"),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("GET /workflow/security-events", get("/workflow/security-events"),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("GET /workflow/configs", get("/workflow/configs"),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("GET /workflow/configs/{id}", get("/workflow/configs/etl-job"),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("GET /workflow/api-keys", get("/workflow/api-keys"),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)),
                new Row("POST /workflow/api-keys", post("/workflow/api-keys", "{\"userId\":\"bot\"}"),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 201)),
                new Row("DELETE /workflow/api-keys/{id}", token -> t.http.delete("/workflow/api-keys/"
                                + t.security.apiKeys().create("victim", null, java.util.Set.of(), java.util.Set.of(), null).record().keyId())
                        .bearer(token).send(),
                        expect(ANONYMOUS, 401, t.operator, 403, etlAdmin, 403, t.admin, 200)));

        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows) {
            tests.add(DynamicTest.dynamicTest(row.endpoint(), () -> {
                for (Map.Entry<String, Integer> e : row.expected().entrySet()) {
                    String token = e.getKey().equals(ANONYMOUS) ? null : e.getKey();
                    Http.Response r = row.call().apply(token);
                    assertThat(r.status()).as(row.endpoint() + " by " + who(e.getKey()) + ": " + r).isEqualTo(e.getValue());
                    if (r.status() >= 400) {
                        assertThat(r.contentType()).startsWith("application/problem+json");
                    }
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("another namespace sees none of the default namespace's instances", () -> {
            assertThat(t.http.get("/workflow/instances").bearer(t.outsider).send().json().path("items")).isEmpty();
            assertThat(t.http.get("/workflow/instances?namespace=default").bearer(t.outsider).send().json().path("items")).isEmpty();
            assertThat(t.http.get("/workflow/definitions").bearer(t.outsider).send().json().path("items")).isEmpty();
        }));
        tests.add(DynamicTest.dynamicTest("a refused control changed nothing", () ->
                assertThat(t.http.get("/workflow/instance/" + etlInstance).bearer(t.admin).send().json().path("status")
                        .asText()).isEqualTo("RUNNING")));
        return tests;
    }

    private static String who(String token) {
        if (token.equals(ANONYMOUS)) {
            return "anonymous";
        }
        Map<String, String> names = Map.of(t.viewer, "viewer", t.operator, "operator", t.outsider, "other-namespace operator",
                t.admin, "admin", t.engineer, "etl engineer", t.globalOperator, "global operator", nobody, "nobody",
                etlOperator, "etl operator", etlAdmin, "etl admin");
        return names.getOrDefault(token, "?");
    }
}
