package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken input: every request gets the right 4xx as a problem document, never a 500, and nothing accepted
 * before is lost or changed.
 */
class BadInputIT {
    private static TestServer t;
    private static final Map<String, JsonNode> accepted = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        t = new TestServer();
        for (int i = 0; i < 10; i++) {
            Http.Response r = t.http.post("/workflow/start/orders",
                    "{\"data\":{\"orderId\":\"keep-" + i + "\",\"amount\":" + i + ",\"items\":[\"a\",\"b\"]}}").bearer(t.operator).send();
            assertThat(r.status()).isEqualTo(201);
            String id = r.json().path("instanceId").asText();
            accepted.put(id, t.http.get("/workflow/instance/" + id).bearer(t.operator).send().json().path("data"));
        }
    }

    @AfterAll
    static void nothing_accepted_before_is_lost() {
        try {
            for (Map.Entry<String, JsonNode> e : accepted.entrySet()) {
                Http.Response r = t.http.get("/workflow/instance/" + e.getKey()).bearer(t.operator).send();
                assertThat(r.status()).isEqualTo(200);
                assertThat(r.json().path("data")).isEqualTo(e.getValue());
                assertThat(r.json().path("status").asText()).isEqualTo("RUNNING");
            }
            assertThat(t.http.get("/workflow/instances?workflowId=orders&limit=100").bearer(t.operator).send().json()
                    .path("items")).hasSize(accepted.size());
            assertThat(t.http.get("/workflow/status").send().status()).isEqualTo(200);
            assertThat(t.http.get("/workflow/audit/verify").bearer(t.admin).send().json().path("intact").asBoolean()).isTrue();
        } finally {
            t.close();
        }
    }

    private static void expect(Http.Response r, int status, String problem, String what) {
        assertThat(r.status()).as(what + " -> " + r).isEqualTo(status);
        assertThat(r.contentType()).as(what).startsWith("application/problem+json");
        if (problem != null) {
            assertThat(r.problem()).as(what).isEqualTo(problem);
        }
        assertThat(r.json().path("status").asInt()).as(what).isEqualTo(status);
    }

    private static Http.Response start(String body) {
        return t.http.post("/workflow/start/orders", body).bearer(t.operator).send();
    }

    @Test
    void malformed_json_is_400() {
        for (String body : List.of("{", "{\"data\":}", "[1,2", "{\"data\":{\"a\":1}}}", "{\"data\":1,\"data\":2}",
                "nul", "{'data': 1}", "{\"data\": \"\u0001\"}", "{\"data\": NaN}", "{\"a\" 1}")) {
            expect(start(body), 400, "malformed-json", body);
        }
        Http.Response invalidUtf8 = t.http.raw("POST", "/workflow/start/orders",
                new byte[] {'{', '"', 'd', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'})
                .header("Content-Type", "application/json").bearer(t.operator).send();
        expect(invalidUtf8, 400, "malformed-json", "invalid UTF-8");
    }

    @Test
    void well_formed_bodies_of_the_wrong_shape_are_422_naming_the_field() {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("[]", "object");
        cases.put("\"text\"", "object");
        cases.put("42", "object");
        cases.put("{\"dat\":{}}", "dat");
        cases.put("{\"data\":\"text\"}", "data");
        cases.put("{\"data\":{\"amount\":\"many\"}}", "amount");
        cases.put("{\"data\":{\"items\":{\"not\":\"a list\"}}}", "items");
        cases.put("{\"data\":{\"amount\":1e400}}", "amount");
        cases.put("{\"data\":{\"amount\":" + "9".repeat(150) + "}}", "length");
        cases.put("{\"priority\":5}", "priority");
        cases.put("{\"priority\":\"urgent\"}", "priority");
        cases.put("{\"metadata\":[1]}", "metadata");
        cases.put("{\"metadata\":{\"a\":{\"b\":1}}}", "metadata");
        cases.put("{\"reference\":123}", "reference");
        cases.put("{\"reference\":\"" + "r".repeat(201) + "\"}", "reference");
        cases.forEach((body, field) -> {
            Http.Response r = start(body);
            expect(r, 422, "invalid-request", body.length() > 80 ? body.substring(0, 80) : body);
            assertThat(r.json().path("detail").asText()).as(body).contains(field);
        });
        expect(t.http.post("/workflow/events", "{\"name\":5,\"key\":\"k\"}").bearer(t.globalOperator).send(), 422,
                "invalid-request", "event name");
        expect(t.http.post("/workflow/events", "{\"name\":\"paid\"}").bearer(t.globalOperator).send(), 422,
                "invalid-request", "event key");
        expect(t.http.post("/workflow/events", null).bearer(t.globalOperator).send(), 422, "invalid-request", "no body");
        expect(t.http.post("/workflow/api-keys", "{\"userId\":\"x\",\"roles\":\"admin\"}").bearer(t.admin).send(), 422,
                "invalid-request", "roles");
        expect(t.http.post("/workflow/api-keys", "{\"userId\":\"x\",\"expiresAt\":\"soon\"}").bearer(t.admin).send(), 422,
                "invalid-request", "expiresAt");
    }

    @Test
    void bodies_over_the_limit_are_413_with_or_without_a_content_length() {
        String huge = "{\"data\":{\"orderId\":\"" + "x".repeat(70 * 1024) + "\"}}";
        expect(start(huge), 413, "payload-too-large", "content-length");
        expect(t.http.chunked("/workflow/start/orders", huge.getBytes(StandardCharsets.UTF_8)).bearer(t.operator).send(),
                413, "payload-too-large", "chunked");
        expect(start("{\"data\":{\"orderId\":\"" + "x".repeat(5 * 1024 * 1024) + "\"}}"), 413, "payload-too-large",
                "5 MiB");
    }

    @Test
    void deep_nesting_is_422_at_any_depth() {
        for (int depth : new int[] {70, 1_000, 30_000}) {
            String body = "{\"data\":{\"items\":" + "[".repeat(depth) + "]".repeat(depth) + "}}";
            Http.Response r = start(body);
            expect(r, 422, "invalid-request", "depth " + depth);
            assertThat(r.json().path("detail").asText()).contains("nesting");
        }
    }

    @Test
    void unknown_and_impossible_ids_are_404() {
        for (String id : List.of(UUID.randomUUID().toString(), "abc", "x".repeat(190), "%20", "a%00b", "%C0%AE%C0%AE",
                "..%2F..%2Fetc%2Fpasswd", "%2e%2e", "id;jsessionid=1", "' OR 1=1 --".replace(" ", "%20"))) {
            for (String path : List.of("/workflow/instance/" + id, "/workflow/instance/" + id + "/history")) {
                Http.Response r = t.http.get(path).bearer(t.operator).send();
                assertThat(r.status()).as(path + " -> " + r).isBetween(400, 499);
                assertThat(r.contentType()).as(path).startsWith("application/problem+json");
            }
            Http.Response control = t.http.post("/workflow/instance/" + id + "/pause", null).bearer(t.operator).send();
            assertThat(control.status()).as(id).isBetween(400, 499);
        }
        expect(t.http.get("/workflow/instance/" + UUID.randomUUID()).bearer(t.operator).send(), 404, "instance-not-found",
                "random uuid");
        expect(t.http.delete("/workflow/instance/" + UUID.randomUUID()).bearer(t.operator).send(), 404,
                "instance-not-found", "cancel unknown");
        expect(t.http.post("/workflow/start/%2e%2e", "{}").bearer(t.operator).send(), 404, null, "start ..");
        // Jetty itself refuses a NUL in the path, before any handler
        expect(t.http.get("/workflow/definitions/x%00y").bearer(t.operator).send(), 400, "bad-request", "nul id");
    }

    @Test
    void path_tricks_never_reach_another_resource() throws IOException {
        for (String path : List.of("/workflow/instance/../audit", "/workflow/./audit", "/workflow//audit",
                "/workflow/%61udit", "/workflow/audit%2f..", "/WORKFLOW/AUDIT", "/workflow/audit;x=1",
                "/workflow/start/orders/../../audit", "/workflow/instance/%252e%252e/history")) {
            int status = rawRequest("GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + t.operator
                    + "\r\nConnection: close\r\n\r\n");
            assertThat(status).as(path).isIn(400, 401, 403, 404);
        }
    }

    @Test
    void invalid_credentials_are_401_and_say_why_without_echoing_them() {
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = t.tokens.claims("olga", null, List.of("operator"), null);
        List<String> tokens = new ArrayList<>(List.of(
                t.tokens.hs256(claims.expirationTime(Date.from(now.minusSeconds(7200))).build()),
                t.tokens.hs256(t.tokens.claims("olga", null, List.of("operator"), null).notBeforeTime(Date.from(now.plusSeconds(3600))).build()),
                t.tokens.rs256WithOtherKey(t.tokens.claims("olga", null, List.of("admin"), null).build()),
                t.tokens.algNone(t.tokens.claims("olga", null, List.of("admin"), null).build()),
                t.tokens.hs256SignedWithRsaPublicKey(t.tokens.claims("olga", null, List.of("admin"), null).build()),
                t.tokens.tampered(t.operator, json -> json.replace("\"operator\"", "\"admin\"")),
                t.tokens.hs256(t.tokens.claims("olga", null, null, null).issuer("https://evil").build()),
                t.tokens.hs256(t.tokens.claims("olga", null, null, null).audience("elsewhere").build()),
                "not-a-token", "a.b.c", "rk_" + "A".repeat(43), "x".repeat(2000)));
        for (String token : tokens) {
            Http.Response r = t.http.get("/workflow/instances").bearer(token).send();
            expect(r, 401, "unauthorized", token.length() > 40 ? token.substring(0, 40) : token);
            assertThat(r.header("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("invalid_token"));
            assertThat(r.body()).doesNotContain(token);
        }
        for (String header : List.of("Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "Token abc")) {
            Http.Response r = t.http.get("/workflow/instances").header("Authorization", header).send();
            expect(r, 401, "unauthorized", header);
        }
        expect(t.http.get("/workflow/instances").header("X-API-Key", "short").send(), 401, "unauthorized", "short key");
    }

    @Test
    void headers_urls_and_queries_out_of_bounds_are_4xx() {
        Http.Response bigHeader = t.http.get("/workflow/instances").bearer("x".repeat(64 * 1024)).send();
        assertThat(bigHeader.status()).isIn(400, 401, 413, 431);
        Http.Response longUrl = t.http.get("/workflow/instances?reference=" + "r".repeat(20_000)).bearer(t.operator).send();
        assertThat(longUrl.status()).isIn(400, 414, 422, 431);
        for (String query : List.of("limit=0", "limit=abc", "limit=501", "offset=-1", "status=WHATEVER", "from=yesterday",
                "to=2026-13-45T00:00:00Z", "reference=" + "r".repeat(300))) {
            expect(t.http.get("/workflow/instances?" + query).bearer(t.operator).send(), 422, "invalid-request", query);
        }
        expect(t.http.post("/workflow/start/orders", "{}").bearer(t.operator).header("Idempotency-Key", "has space").send(),
                422, "invalid-request", "idempotency key");
        expect(t.http.post("/workflow/start/orders", "{}").bearer(t.operator).header("Idempotency-Key", "k".repeat(201)).send(),
                422, "invalid-request", "long idempotency key");
    }

    @Test
    void non_json_bodies_are_415() {
        expect(t.http.post("/workflow/start/orders", "data=1").header("Content-Type", "application/x-www-form-urlencoded")
                .bearer(t.operator).send(), 415, "unsupported-media-type", "form");
        expect(t.http.post("/workflow/start/orders", "<xml/>").header("Content-Type", "text/xml").bearer(t.operator).send(),
                415, "unsupported-media-type", "xml");
    }

    @Test
    void many_bad_requests_in_a_row_leave_the_server_answering() {
        for (int i = 0; i < 200; i++) {
            Http.Response r = switch (i % 4) {
                case 0 -> start("{");
                case 1 -> start("{\"data\":{\"amount\":\"x\"}}");
                case 2 -> t.http.get("/workflow/instance/" + UUID.randomUUID()).bearer(t.operator).send();
                default -> t.http.get("/workflow/instances").bearer("garbage").send();
            };
            assertThat(r.status()).isBetween(400, 499);
        }
        assertThat(t.http.get("/workflow/status").send().status()).isEqualTo(200);
    }

    /** Sends bytes as they are (no client-side path normalisation) and returns the status code. */
    private static int rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", t.server.port())) {
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
            return Integer.parseInt(statusLine.substring(9, 12));
        }
    }
}
