package io.reactory.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.persistence.SecurityEvent;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RateLimitTest {
    private final ManualClock clock = ManualClock.startingAt2026();
    private final RateLimitOptions limits = RateLimitOptions.defaults()
            .withDefaultLimit(new RateLimitOptions.Limit(3, 1, Duration.ofSeconds(1)))
            .withEndpoints(Map.of("POST /start", new RateLimitOptions.Limit(1, 1, Duration.ofSeconds(10))))
            .withAuthenticationFailures(new RateLimitOptions.Limit(2, 1, Duration.ofMinutes(1)));
    private final WorkflowSecurityManager security = WorkflowSecurityManager.create(
            SecurityOptions.defaults().withRateLimits(limits), new InMemoryWorkflowStore(), id -> Optional.empty(), clock);

    @Test
    void a_burst_up_to_capacity_passes_then_requests_are_refused_until_refilled() {
        for (int i = 2; i >= 0; i--) {
            RateLimitInfo info = security.checkRateLimit("alice", "GET /x");
            assertThat(info.allowed()).isTrue();
            assertThat(info.remaining()).isEqualTo(i);
            assertThat(info.limit()).isEqualTo(3);
        }
        RateLimitInfo refused = security.checkRateLimit("alice", "GET /x");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(1));

        clock.advance(Duration.ofSeconds(1));
        assertThat(security.checkRateLimit("alice", "GET /x").allowed()).isTrue();
        assertThat(security.checkRateLimit("alice", "GET /x").allowed()).isFalse();
    }

    @Test
    void budgets_are_per_caller_and_per_endpoint_with_overrides() {
        for (int i = 0; i < 3; i++) {
            security.checkRateLimit("alice", "GET /x");
        }
        assertThat(security.checkRateLimit("alice", "GET /x").allowed()).isFalse();
        assertThat(security.checkRateLimit("bob", "GET /x").allowed()).isTrue();
        assertThat(security.checkRateLimit("alice", "GET /y").allowed()).isTrue();

        assertThat(security.checkRateLimit("alice", "POST /start").allowed()).isTrue();
        RateLimitInfo refused = security.checkRateLimit("alice", "POST /start");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.limit()).isEqualTo(1);
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void a_flood_of_refusals_records_one_security_event_a_minute() {
        for (int i = 0; i < 50; i++) {
            security.checkRateLimit("alice", "GET /x");
        }
        assertThat(security.getSecurityEvents()).singleElement()
                .satisfies(e -> {
                    assertThat(e.type()).isEqualTo(SecurityEvent.Type.RATE_LIMITED);
                    assertThat(e.actor()).isEqualTo("alice");
                    assertThat(e.target()).isEqualTo("GET /x");
                });
        clock.advance(Duration.ofMinutes(1));
        for (int i = 0; i < 5; i++) {
            security.checkRateLimit("alice", "GET /x");
        }
        assertThat(security.getSecurityEvents()).hasSize(2);
    }

    @Test
    void failed_authentications_exhaust_the_budget_of_the_source_address() {
        Caller caller = new Caller(User.ANONYMOUS, "10.0.0.9", null);
        assertThat(security.checkAuthenticationBudget("10.0.0.9").allowed()).isTrue();
        for (int i = 0; i < 2; i++) {
            SecurityContext.callAs(caller, () -> {
                try {
                    security.validateUser(null, "not-a-valid-key-but-long-enough-000000");
                } catch (AuthenticationException expected) {
                    // counted
                }
                return null;
            });
        }
        assertThat(security.checkAuthenticationBudget("10.0.0.9").allowed()).isFalse();
        assertThat(security.checkAuthenticationBudget("10.0.0.10").allowed()).isTrue();
        clock.advance(Duration.ofMinutes(1));
        assertThat(security.checkAuthenticationBudget("10.0.0.9").allowed()).isTrue();
    }

    @Test
    void disabled_limits_let_everything_through() {
        WorkflowSecurityManager open = WorkflowSecurityManager.create(
                SecurityOptions.defaults().withRateLimits(limits.withEnabled(false)), new InMemoryWorkflowStore(),
                id -> Optional.empty(), clock);
        for (int i = 0; i < 100; i++) {
            assertThat(open.checkRateLimit("alice", "POST /start").allowed()).isTrue();
        }
        assertThat(open.checkRateLimit("alice", "POST /start").isUnlimited()).isTrue();
    }
}
