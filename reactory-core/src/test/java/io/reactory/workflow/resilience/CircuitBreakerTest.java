package io.reactory.workflow.resilience;

import static io.reactory.workflow.resilience.CircuitBreakerState.CLOSED;
import static io.reactory.workflow.resilience.CircuitBreakerState.HALF_OPEN;
import static io.reactory.workflow.resilience.CircuitBreakerState.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The breaker's state machine on a manual clock: the specification's diagram, transition by transition. */
class CircuitBreakerTest {
    private static final Duration OPEN_FOR = Duration.ofSeconds(30);
    private static final Duration TOOK = Duration.ofMillis(5);

    private final ManualClock clock = ManualClock.startingAt2026();
    private final List<CircuitBreakerTransition> transitions = new ArrayList<>();

    private CircuitBreaker breaker(CircuitBreakerOptions options) {
        return new CircuitBreaker("payments", options, clock, transitions::add);
    }

    private static CircuitBreakerOptions.Builder options() {
        return CircuitBreakerOptions.builder().openDuration(OPEN_FOR).failureRateThreshold(0).consecutiveFailures(3);
    }

    private static void fail(CircuitBreaker breaker, int times) {
        for (int k = 0; k < times; k++) {
            assertThat(breaker.tryAcquire()).isTrue();
            breaker.onFailure(TOOK, new IllegalStateException("down"));
        }
    }

    private List<String> moves() {
        return transitions.stream().map(t -> t.from() + "->" + t.to()).toList();
    }

    @Test
    void consecutive_failures_open_the_breaker_and_a_success_in_between_starts_the_count_again() {
        CircuitBreaker breaker = breaker(options().build());
        fail(breaker, 2);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess(TOOK);
        fail(breaker, 2);
        assertThat(breaker.state()).isEqualTo(CLOSED);

        fail(breaker, 1);

        assertThat(breaker.state()).isEqualTo(OPEN);
        assertThat(transitions).singleElement().satisfies(t -> {
            assertThat(t.dependency()).isEqualTo("payments");
            assertThat(t.from()).isEqualTo(CLOSED);
            assertThat(t.to()).isEqualTo(OPEN);
            assertThat(t.at()).isEqualTo(clock.instant());
        });
        assertThat(breaker.snapshot().openUntil()).isEqualTo(clock.instant().plus(OPEN_FOR));
    }

    @Test
    void the_failure_rate_over_the_window_opens_the_breaker_once_the_minimum_calls_were_recorded() {
        CircuitBreaker breaker = breaker(options().consecutiveFailures(0).failureRateThreshold(50)
                .slidingWindowSize(10).minimumCalls(4).build());
        fail(breaker, 1);
        breaker.tryAcquire();
        breaker.onSuccess(TOOK);
        fail(breaker, 1);
        assertThat(breaker.state()).as("3 calls are below the minimum of 4").isEqualTo(CLOSED);
        assertThat(breaker.snapshot().failureRate()).isEqualTo(-1f);

        breaker.tryAcquire();
        breaker.onSuccess(TOOK);
        assertThat(breaker.state()).as("2 of 4 failed: 50%").isEqualTo(OPEN);
    }

    @Test
    void an_open_breaker_refuses_calls_until_the_recovery_timeout_then_half_opens_on_the_clock() {
        CircuitBreaker breaker = breaker(options().build());
        fail(breaker, 3);
        Instant opened = clock.instant();

        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.retryAt()).isEqualTo(opened.plus(OPEN_FOR).plusMillis(1));
        clock.advance(OPEN_FOR);
        assertThat(breaker.tryAcquire()).as("still open at the end of the window").isFalse();
        assertThat(breaker.snapshot().refusedCalls()).isEqualTo(2);

        clock.advance(Duration.ofMillis(1));
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(HALF_OPEN);
        assertThat(moves()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN");
    }

    @Test
    void half_open_closes_once_every_trial_call_succeeded() {
        CircuitBreaker breaker = breaker(options().trialCalls(2).build());
        fail(breaker, 3);
        clock.advance(OPEN_FOR.plusMillis(1));

        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.tryAcquire()).as("only two trial calls").isFalse();
        assertThat(breaker.retryAt()).isEqualTo(clock.instant().plusSeconds(1));
        breaker.onSuccess(TOOK);
        assertThat(breaker.state()).isEqualTo(HALF_OPEN);
        breaker.onSuccess(TOOK);

        assertThat(breaker.state()).isEqualTo(CLOSED);
        assertThat(breaker.retryAt()).isEqualTo(clock.instant());
        assertThat(moves()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
    }

    @Test
    void half_open_reopens_at_the_first_failed_trial_call_for_another_open_duration() {
        CircuitBreaker breaker = breaker(options().trialCalls(3).build());
        fail(breaker, 3);
        clock.advance(OPEN_FOR.plusSeconds(5));

        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onFailure(TOOK, new IllegalStateException("still down"));

        assertThat(breaker.state()).isEqualTo(OPEN);
        assertThat(breaker.snapshot().openUntil()).isEqualTo(clock.instant().plus(OPEN_FOR));
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(moves()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
    }

    @Test
    void a_released_call_counts_neither_way_and_gives_its_trial_permit_back() {
        CircuitBreaker breaker = breaker(options().build());
        fail(breaker, 2);
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.release();
        fail(breaker, 1);
        assertThat(breaker.state()).isEqualTo(OPEN);

        clock.advance(OPEN_FOR.plusMillis(1));
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.release();
        assertThat(breaker.tryAcquire()).as("the permit came back").isTrue();
    }

    @Test
    void with_the_rate_rule_switched_off_only_failures_in_a_row_open_it() {
        CircuitBreaker breaker = breaker(options().consecutiveFailures(3).failureRateThreshold(0).build());
        for (int round = 0; round < 10; round++) {
            fail(breaker, 2);
            breaker.tryAcquire();
            breaker.onSuccess(TOOK);
        }
        assertThat(breaker.state()).as("two thirds failed, never three in a row").isEqualTo(CLOSED);
    }

    @Test
    void reset_closes_an_open_breaker_and_reports_it() {
        CircuitBreaker breaker = breaker(options().build());
        fail(breaker, 3);

        breaker.reset();

        assertThat(breaker.state()).isEqualTo(CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(moves()).containsExactly("CLOSED->OPEN", "OPEN->CLOSED");
    }

    @Test
    void bad_options_name_the_field() {
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().failureRateThreshold(120).build())
                .hasMessageContaining("failureRateThreshold");
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().failureRateThreshold(0).consecutiveFailures(0).build())
                .hasMessageContaining("failureRateThreshold or consecutiveFailures");
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().openDuration(Duration.ZERO).build())
                .hasMessageContaining("openDuration");
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().trialCalls(0).build()).hasMessageContaining("trialCalls");
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().slidingWindowSize(5).minimumCalls(6).build())
                .hasMessageContaining("minimumCalls");
        assertThatThrownBy(() -> CircuitBreakerOptions.builder().consecutiveFailures(-1).build())
                .hasMessageContaining("consecutiveFailures");
    }
}
