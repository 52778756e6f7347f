package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.security.RateLimitOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RateLimitIT {
    private final TestServer t = new TestServer(RateLimitOptions.defaults()
            .withDefaultLimit(new RateLimitOptions.Limit(5, 1, Duration.ofHours(1)))
            .withEndpoints(Map.of("POST /workflow/start/{workflowId}", new RateLimitOptions.Limit(2, 1, Duration.ofHours(1))))
            .withAuthenticationFailures(new RateLimitOptions.Limit(3, 1, Duration.ofHours(1))), new InMemoryWorkflowStore());

    @AfterEach
    void stop() {
        t.close();
    }

    @Test
    void a_caller_past_its_budget_gets_429_with_retry_after_and_rate_limit_headers() {
        for (int i = 4; i >= 0; i--) {
            Http.Response ok = t.http.get("/workflow/instances").bearer(t.viewer).send();
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("RateLimit-Limit")).contains("5");
            assertThat(ok.header("RateLimit-Remaining")).contains(Integer.toString(i));
            assertThat(ok.header("RateLimit-Reset")).isPresent();
        }
        Http.Response limited = t.http.get("/workflow/instances").bearer(t.viewer).send();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.problem()).isEqualTo("rate-limited");
        assertThat(limited.header("Retry-After").map(Long::parseLong)).hasValueSatisfying(s -> assertThat(s).isBetween(1L, 3600L));
        assertThat(limited.header("RateLimit-Remaining")).contains("0");

        // another caller, and another endpoint of the same caller, have their own budgets
        assertThat(t.http.get("/workflow/instances").bearer(t.operator).send().status()).isEqualTo(200);
        assertThat(t.http.get("/workflow/definitions").bearer(t.viewer).send().status()).isEqualTo(200);
    }

    @Test
    void endpoints_can_have_their_own_budget() {
        assertThat(t.http.post("/workflow/start/quick", "{}").bearer(t.operator).send().status()).isEqualTo(201);
        Http.Response second = t.http.post("/workflow/start/quick", "{}").bearer(t.operator).send();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.header("RateLimit-Limit")).contains("2");
        assertThat(t.http.post("/workflow/start/quick", "{}").bearer(t.operator).send().status()).isEqualTo(429);
    }

    @Test
    void anonymous_callers_are_limited_by_address() {
        for (int i = 0; i < 5; i++) {
            assertThat(t.http.get("/workflow/status").send().status()).isEqualTo(200);
        }
        assertThat(t.http.get("/workflow/status").send().status()).isEqualTo(429);
    }

    @Test
    void anonymous_floods_of_protected_routes_are_limited_too() {
        for (int i = 0; i < 5; i++) {
            assertThat(t.http.get("/workflow/instances").send().status()).isEqualTo(401);
        }
        assertThat(t.http.get("/workflow/instances").send().status()).isEqualTo(429);
    }

    @Test
    void refusals_are_audited_and_recorded_once_as_a_security_event() {
        for (int i = 0; i < 8; i++) {
            t.http.get("/workflow/instances").bearer(t.viewer).send();
        }
        var denied = t.http.get("/workflow/audit?actor=vic&outcome=DENIED").bearer(t.admin).send().json().path("items");
        assertThat(denied).hasSize(3);
        assertThat(denied.get(0).path("status").asInt()).isEqualTo(429);
        var events = t.http.get("/workflow/security-events?type=RATE_LIMITED").bearer(t.admin).send().json().path("items");
        assertThat(events).hasSize(1);
        assertThat(events.get(0).path("target").asText()).isEqualTo("GET /workflow/instances");
    }

    @Test
    void repeated_failed_authentication_locks_the_address_out_before_credentials_are_checked() {
        for (int i = 0; i < 3; i++) {
            assertThat(t.http.get("/workflow/instances").bearer("wrong-key-wrong-key-wrong-key-wrong").send().status())
                    .isEqualTo(401);
        }
        Http.Response locked = t.http.get("/workflow/instances").bearer("wrong-key-wrong-key-wrong-key-wrong").send();
        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.header("Retry-After")).isPresent();
        assertThat(t.http.get("/workflow/instances").bearer(t.viewer).send().status()).isEqualTo(429);
        // requests without credentials are not authentication attempts
        assertThat(t.http.get("/workflow/status").send().status()).isEqualTo(200);
        assertThat(t.security.getSecurityEvents()).filteredOn(e -> e.type().name().equals("AUTHENTICATION_FAILED")).hasSize(3);
    }
}
