package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.security.RateLimitOptions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AdminApiIT {
    private static final String SCHEDULE = """
            {"id": "nightly-orders", "name": "Nightly", "workflow": {"id": "quick", "version": "1"},
             "schedule": {"cron": "0 6 * * *", "timezone": "Europe/London", "enabled": true},
             "properties": {"reportTypes": ["sales"]}, "retry": {"attempts": 3, "delay": 300},
             "timeout": 1800, "maxConcurrent": 1}""";

    private final TamperableStore store = new TamperableStore();
    private final TestServer t = new TestServer(RateLimitOptions.disabled(), store);

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void schedules_can_be_created_read_listed_replaced_and_deleted_by_an_admin() {
        Http.Response created = t.http.post("/workflow/schedules", SCHEDULE).bearer(t.admin).send();
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Location")).contains("/workflow/schedules/nightly-orders");
        assertThat(created.json().path("timeout").asInt()).isEqualTo(1800);

        Http.Response duplicate = t.http.post("/workflow/schedules", SCHEDULE).bearer(t.admin).send();
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.problem()).isEqualTo("schedule-exists");

        JsonNode one = t.http.get("/workflow/schedules/nightly-orders").bearer(t.admin).send().json();
        assertThat(one.path("schedule").path("timezone").asText()).isEqualTo("Europe/London");
        assertThat(one.path("retry").path("delay").asInt()).isEqualTo(300);
        assertThat(t.http.get("/workflow/schedules").bearer(t.admin).send().json().path("items")).hasSize(1);

        Http.Response replaced = t.http.put("/workflow/schedules/nightly-orders",
                SCHEDULE.replace("0 6 * * *", "*/5 * * * *")).bearer(t.admin).send();
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("schedule").path("cron").asText()).isEqualTo("*/5 * * * *");

        Http.Response wrongId = t.http.put("/workflow/schedules/other", SCHEDULE).bearer(t.admin).send();
        assertThat(wrongId.status()).isEqualTo(422);
        Http.Response missing = t.http.put("/workflow/schedules/nope", SCHEDULE.replace("nightly-orders", "nope"))
                .bearer(t.admin).send();
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.problem()).isEqualTo("schedule-not-found");

        assertThat(t.http.delete("/workflow/schedules/nightly-orders").bearer(t.admin).send().status()).isEqualTo(200);
        assertThat(t.http.get("/workflow/schedules/nightly-orders").bearer(t.admin).send().status()).isEqualTo(404);
        assertThat(t.http.delete("/workflow/schedules/nightly-orders").bearer(t.admin).send().status()).isEqualTo(404);
    }

    @Test
    void invalid_schedules_are_refused_with_422_naming_the_problem() {
        record Case(String body, String expected) {}
        for (Case c : List.of(
                new Case(SCHEDULE.replace("0 6 * * *", "every day"), "schedule.cron"),
                new Case(SCHEDULE.replace("Europe/London", "Mars/Olympus"), "timezone"),
                new Case(SCHEDULE.replace("\"quick\"", "\"no-such-workflow\""), "workflow.id"),
                new Case(SCHEDULE.replace("\"maxConcurrent\": 1", "\"maxConcurrent\": 0"), "maxConcurrent"),
                new Case(SCHEDULE.replace("\"timeout\": 1800", "\"timeout\": \"long\""), "timeout"),
                new Case(SCHEDULE.replace("\"name\"", "\"nmae\""), "nmae"),
                new Case("{\"name\": \"no id\"}", "id"))) {
            Http.Response r = t.http.post("/workflow/schedules", c.body()).bearer(t.admin).send();
            assertThat(r.status()).as(c.body()).isEqualTo(422);
            assertThat(r.json().path("detail").asText()).as(c.body()).contains(c.expected());
        }
    }

    @Test
    void configs_are_listed_in_the_specifications_shape() {
        JsonNode configs = t.http.get("/workflow/configs").bearer(t.admin).send().json();
        assertThat(configs.path("workflows")).extracting(c -> c.path("id").asText()).containsExactly("etl-job", "public-form");
        JsonNode etl = t.http.get("/workflow/configs/etl-job").bearer(t.admin).send().json();
        assertThat(etl.path("nameSpace").asText()).isEqualTo("etl");
        assertThat(etl.path("security").path("allowedRoles")).extracting(JsonNode::asText).contains("data-engineer");
        Http.Response none = t.http.get("/workflow/configs/quick").bearer(t.admin).send();
        assertThat(none.status()).isEqualTo(404);
        assertThat(none.problem()).isEqualTo("config-not-found");
    }

    @Test
    void every_mutating_and_every_refused_call_is_audited_with_who_what_outcome_and_where() {
        String id = t.http.post("/workflow/start/orders", "{}").bearer(t.operator).send().json().path("instanceId").asText();
        t.http.post("/workflow/instance/" + id + "/pause", null).bearer(t.viewer).send();       // 403
        t.http.post("/workflow/start/orders", "{}").send();                                    // 401
        t.http.get("/workflow/instance/" + id).bearer(t.outsider).send();                      // hidden 404
        t.http.post("/workflow/start/orders", "{bad").bearer(t.operator).send();               // 400
        t.http.get("/workflow/instance/" + id).bearer(t.operator).send();                      // read: not audited

        JsonNode items = t.http.get("/workflow/audit?limit=10").bearer(t.admin).send().json().path("items");
        List<String> summary = new ArrayList<>();
        items.forEach(e -> summary.add(e.path("actor").asText() + " " + e.path("action").asText() + " "
                + e.path("outcome").asText() + " " + e.path("status").asInt()));
        assertThat(summary).containsExactly(
                "olga workflow.start REJECTED 400",
                "otto instance.read DENIED 404",
                "anonymous workflow.start DENIED 401",
                "vic instance.pause DENIED 403",
                "olga workflow.start SUCCESS 201");
        JsonNode start = items.get(4);
        assertThat(start.path("target").asText()).isEqualTo("workflow/orders");
        assertThat(start.path("namespace").asText()).isEqualTo("default");
        assertThat(start.path("detail").asText()).isEqualTo("instance/" + id);
        assertThat(start.path("sourceAddress").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(start.path("requestId").asText()).isNotBlank();
        assertThat(start.path("hash").asText()).hasSize(64);
        assertThat(items.get(3).path("detail").asText()).contains("workflow:pause");
        assertThat(items.get(1).path("detail").asText()).startsWith("hidden");
    }

    @Test
    void the_audit_log_filters_and_pages() {
        for (int i = 0; i < 7; i++) {
            t.http.post("/workflow/start/quick", "{}").bearer(i % 2 == 0 ? t.operator : t.admin).send();
        }
        JsonNode olga = t.http.get("/workflow/audit?actor=olga&action=workflow.start&outcome=success").bearer(t.admin)
                .send().json();
        assertThat(olga.path("items")).hasSize(4);
        JsonNode page = t.http.get("/workflow/audit?limit=3&offset=3").bearer(t.admin).send().json();
        assertThat(page.path("items")).hasSize(3);
        assertThat(page.path("hasMore").asBoolean()).isTrue();
        assertThat(page.path("items").get(0).path("seq").asLong()).isEqualTo(4);
        assertThat(t.http.get("/workflow/audit?outcome=maybe").bearer(t.admin).send().status()).isEqualTo(422);
        assertThat(t.http.get("/workflow/audit?from=yesterday").bearer(t.admin).send().status()).isEqualTo(422);
    }

    @Test
    void audit_verification_detects_an_edited_entry() {
        for (int i = 0; i < 5; i++) {
            t.http.post("/workflow/start/quick", "{}").bearer(t.operator).send();
        }
        JsonNode intact = t.http.get("/workflow/audit/verify").bearer(t.admin).send().json();
        assertThat(intact.path("intact").asBoolean()).isTrue();
        assertThat(intact.path("entriesChecked").asInt()).isEqualTo(5);
        assertThat(intact.path("headSeq").asLong()).isEqualTo(5);
        assertThat(intact.path("headHash").asText()).hasSize(64)
                .isEqualTo(t.store.audit().scan(4, 1).get(0).hash());

        store.edit(3, r -> new AuditRecord(r.at(), "someone-else", r.namespace(), r.action(), r.target(), r.outcome(),
                r.status(), r.sourceAddress(), r.requestId(), r.detail()));

        JsonNode broken = t.http.get("/workflow/audit/verify").bearer(t.admin).send().json();
        assertThat(broken.path("intact").asBoolean()).isFalse();
        assertThat(broken.path("firstBrokenSeq").asInt()).isEqualTo(3);
        assertThat(broken.path("problem").asText()).contains("changed");
    }

    @Test
    void security_events_record_failed_logins_token_misuse_and_denials() {
        t.http.get("/workflow/instances").bearer(t.tokens.rs256WithOtherKey(t.tokens.claims("eve", null, null, null).build())).send();
        t.http.get("/workflow/instances").bearer(t.tokens.algNone(t.tokens.claims("eve", null, null, null).build())).send();
        t.http.get("/workflow/audit").bearer(t.operator).send();
        JsonNode events = t.http.get("/workflow/security-events").bearer(t.admin).send().json().path("items");
        assertThat(events).extracting(e -> e.path("type").asText())
                .containsExactly("PERMISSION_DENIED", "TOKEN_MISUSE", "AUTHENTICATION_FAILED");
        assertThat(events.get(0).path("actor").asText()).isEqualTo("olga");
        assertThat(events.get(2).path("sourceAddress").asText()).isNotBlank();
        JsonNode misuse = t.http.get("/workflow/security-events?type=token_misuse").bearer(t.admin).send().json();
        assertThat(misuse.path("items")).hasSize(1);
    }

    @Test
    void api_keys_are_issued_once_used_listed_without_secrets_and_revoked() {
        Http.Response issued = t.http.post("/workflow/api-keys",
                "{\"userId\":\"ci-bot\",\"roles\":[\"operator\"],\"namespace\":\"default\"}").bearer(t.admin).send();
        assertThat(issued.status()).as(issued.toString()).isEqualTo(201);
        String key = issued.json().path("key").asText();
        String keyId = issued.json().path("keyId").asText();
        assertThat(key).startsWith("rk_");

        Http.Response viaHeader = t.http.post("/workflow/start/quick", "{}").header("X-API-Key", key).send();
        assertThat(viaHeader.status()).isEqualTo(201);
        assertThat(t.http.post("/workflow/start/quick", "{}").bearer(key).send().status()).isEqualTo(201);

        Http.Response listed = t.http.get("/workflow/api-keys").bearer(t.admin).send();
        assertThat(listed.body()).doesNotContain(key).doesNotContain("secretHash");
        assertThat(listed.json().path("items").get(0).path("userId").asText()).isEqualTo("ci-bot");

        assertThat(t.http.delete("/workflow/api-keys/" + keyId).bearer(t.admin).send().status()).isEqualTo(200);
        Http.Response refused = t.http.post("/workflow/start/quick", "{}").header("X-API-Key", key).send();
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.json().path("detail").asText()).isEqualTo("invalid API key");
        assertThat(t.http.delete("/workflow/api-keys/ffffffffffffffff").bearer(t.admin).send().status()).isEqualTo(404);
        assertThat(t.http.post("/workflow/api-keys", "{\"roles\":[\"admin\"]}").bearer(t.admin).send().status())
                .isEqualTo(422);
    }
}
