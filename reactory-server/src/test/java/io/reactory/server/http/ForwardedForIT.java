package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.security.RateLimitOptions;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Behind a trusted proxy ({@code trustForwardedFor}), the client address is the entry the proxy appended to
 * {@code X-Forwarded-For}: whatever a client writes before it changes neither its budgets nor the audit log.
 */
class ForwardedForIT {
    /** What the proxy appends: the address it received the request from. */
    private static final String CLIENT = "203.0.113.7";

    private final TestServer t = new TestServer(RateLimitOptions.defaults()
            .withDefaultLimit(new RateLimitOptions.Limit(5, 1, Duration.ofHours(1)))
            .withAuthenticationFailures(new RateLimitOptions.Limit(3, 1, Duration.ofHours(1))),
            new InMemoryWorkflowStore(), null, o -> o.withTrustForwardedFor(true));
    private int forged;

    @AfterEach
    void stop() {
        t.close();
    }

    /** A new leading entry on every request, as a client trying to look like someone else would send. */
    private Http.Request viaProxy(Http.Request request) {
        forged++;
        return request.header("X-Forwarded-For", "198.51.100." + forged + ", " + CLIENT);
    }

    @Test
    void a_forged_leading_entry_does_not_reset_the_authentication_failure_budget() {
        for (int i = 0; i < 3; i++) {
            assertThat(viaProxy(t.http.get("/workflow/instances").bearer("wrong-key-wrong-key-wrong-key-wrong"))
                    .send().status()).isEqualTo(401);
        }
        Http.Response locked = viaProxy(t.http.get("/workflow/instances").bearer("wrong-key-wrong-key-wrong-key-wrong"))
                .send();
        assertThat(locked.status()).isEqualTo(429);
        // the proxy's own entry is what counts: another client behind the same proxy is a new address
        assertThat(t.http.get("/workflow/instances").bearer("wrong-key-wrong-key-wrong-key-wrong")
                .header("X-Forwarded-For", "203.0.113.8").send().status()).isEqualTo(401);
    }

    @Test
    void a_forged_leading_entry_does_not_reset_an_anonymous_callers_rate_limit() {
        for (int i = 0; i < 5; i++) {
            assertThat(viaProxy(t.http.get("/workflow/status")).send().status()).isEqualTo(200);
        }
        assertThat(viaProxy(t.http.get("/workflow/status")).send().status()).isEqualTo(429);
    }

    @Test
    void the_audit_log_records_the_address_the_proxy_saw_not_the_forged_one() {
        viaProxy(t.http.get("/workflow/instances").bearer("wrong-key-wrong-key-wrong-key-wrong")).send();
        // a second header line sent by the client before the proxy's line is not trusted either
        t.http.post("/workflow/start/quick", "{}").bearer(t.operator).header("X-Forwarded-For", "198.51.100.99")
                .header("X-Forwarded-For", CLIENT).send();

        JsonNode entries = t.http.get("/workflow/audit").bearer(t.admin).send().json().path("items");
        assertThat(entries).hasSizeGreaterThanOrEqualTo(2);
        assertThat(entries).allSatisfy(entry -> assertThat(entry.path("sourceAddress").asText()).isEqualTo(CLIENT));
    }
}
