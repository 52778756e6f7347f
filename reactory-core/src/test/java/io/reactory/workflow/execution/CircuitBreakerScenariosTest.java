package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.StepFailedException;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.resilience.CircuitBreakerOpenException;
import io.reactory.workflow.resilience.CircuitBreakerOptions;
import io.reactory.workflow.resilience.CircuitBreakerState;
import io.reactory.workflow.resilience.CircuitBreakerTransition;
import io.reactory.workflow.resilience.OpenCircuitPolicy;
import io.reactory.workflow.resilience.RetryOptions;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Circuit breakers guarding the steps that call an external dependency, under the manual clock: the specification's
 * state diagram end to end, steps held while the breaker is open, fail-fast, and what counts against a dependency.
 */
class CircuitBreakerScenariosTest {
    private static final Duration OPEN_FOR = Duration.ofMinutes(1);

    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();
    private final List<CircuitBreakerTransition> transitions = new ArrayList<>();
    private final Gateway gateway = new Gateway();
    private Instant t0;

    /** The external payment service: counts calls, fails while down. */
    static final class Gateway {
        volatile boolean up;
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean rejectAsBadInput;

        void charge() {
            calls.incrementAndGet();
            if (rejectAsBadInput) {
                throw StepFailedException.nonRetryable("card number is invalid");
            }
            if (!up) {
                throw new IllegalStateException("payments unavailable");
            }
        }
    }

    @BeforeEach
    void setUp() {
        t0 = env.clock().instant();
        env.runner().addListener(new WorkflowListener() {
            @Override
            public void circuitBreakerTransition(CircuitBreakerTransition transition) {
                transitions.add(transition);
            }
        });
    }

    @AfterEach
    void close() {
        env.close();
    }

    private void register(int maximumAttempts, Duration initialInterval, OpenCircuitPolicy whileOpen) {
        env.runner().errorHandler().configureCircuitBreaker("payments", CircuitBreakerOptions.builder()
                .failureRateThreshold(0).consecutiveFailures(2).openDuration(OPEN_FOR).trialCalls(1)
                .whileOpen(whileOpen).build());
        env.runner().registerWorkflow(WorkflowDefinition.define("pay", "1", TestData.class, b -> b
                .startWith("charge", ctx -> {
                    gateway.charge();
                    ctx.data().trace.add("charged at " + ctx.now());
                    return ExecutionResult.next();
                }).circuitBreaker("payments")
                .retry(RetryOptions.builder().initialInterval(initialInterval).backoffCoefficient(2)
                        .maximumAttempts(maximumAttempts).build())));
    }

    private String start() {
        return env.runner().startWorkflow("pay", null);
    }

    private List<String> moves() {
        return transitions.stream().map(t -> t.from() + "->" + t.to()).toList();
    }

    private int attempts(String id) {
        return env.runner().getInstance(id).steps().get(0).attempts();
    }

    private CircuitBreakerState breaker() {
        return env.runner().errorHandler().circuitBreaker("payments").state();
    }

    @Test
    void the_breaker_goes_closed_open_half_open_closed_on_the_engine_clock() {
        register(5, Duration.ofSeconds(10), OpenCircuitPolicy.HOLD);
        String a = start();
        String b = start();
        env.runUntilIdle();
        assertThat(breaker()).isEqualTo(CircuitBreakerState.OPEN);
        assertThat(moves()).containsExactly("CLOSED->OPEN");
        assertThat(transitions.get(0).at()).isEqualTo(t0);

        gateway.up = true;
        env.advance(OPEN_FOR);
        assertThat(breaker()).as("still OPEN at the end of the window").isEqualTo(CircuitBreakerState.OPEN);
        assertThat(gateway.calls).hasValue(2);

        env.advance(Duration.ofMillis(1));

        assertThat(moves()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        assertThat(transitions.get(1).at()).isEqualTo(t0.plus(OPEN_FOR).plusMillis(1));
        assertThat(env.runner().getWorkflowStatus(a)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(env.runner().getWorkflowStatus(b)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(gateway.calls).hasValue(4);
        assertThat(env.runner().errorHandler().stats().circuitBreakerStates())
                .containsEntry("payments", CircuitBreakerState.CLOSED);
    }

    @Test
    void a_failed_trial_call_opens_the_breaker_again_for_another_open_duration() {
        register(5, Duration.ofSeconds(10), OpenCircuitPolicy.HOLD);
        String a = start();
        String b = start();
        env.runUntilIdle();

        env.advance(OPEN_FOR.plusMillis(1)); // one trial call, still failing
        Instant reopened = env.clock().instant();
        assertThat(moves()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN");
        assertThat(breaker()).isEqualTo(CircuitBreakerState.OPEN);
        assertThat(gateway.calls).as("the other step was held, not invoked").hasValue(3);
        assertThat(env.runner().errorHandler().circuitBreaker("payments").snapshot().openUntil())
                .isEqualTo(reopened.plus(OPEN_FOR));

        gateway.up = true;
        env.advance(OPEN_FOR.plusMillis(1));

        assertThat(moves()).containsExactly("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->OPEN", "OPEN->HALF_OPEN",
                "HALF_OPEN->CLOSED");
        assertThat(env.runner().getWorkflowStatus(a)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(env.runner().getWorkflowStatus(b)).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void steps_held_while_the_breaker_is_open_run_after_it_closes_with_their_retry_budget_intact() {
        register(2, Duration.ofSeconds(10), OpenCircuitPolicy.HOLD); // one retry each, no more
        String a = start();
        String b = start();
        String c = start();
        env.runUntilIdle(); // a and b fail and open the breaker; c is refused before it is invoked
        String d = start();
        String e = start();
        env.runUntilIdle();
        assertThat(gateway.calls).hasValue(2);

        for (int k = 0; k < 6; k++) { // through the open window: a's and b's retries come due and are held too
            env.advance(Duration.ofSeconds(10));
        }
        assertThat(gateway.calls).as("nothing is invoked while the breaker is open").hasValue(2);
        assertThat(List.of(a, b, c, d, e)).extracting(this::attempts).containsExactly(1, 1, 0, 0, 0);
        InstanceInfo held = env.runner().getInstance(d);
        assertThat(held.status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(held.steps().get(0).wakeAt()).isEqualTo(t0.plus(OPEN_FOR).plusMillis(1));
        assertThat(env.runner().errorHandler().errors(d)).as("a held step has not failed").isEmpty();

        gateway.up = true;
        env.advance(Duration.ofMillis(1));

        for (String id : List.of(a, b, c, d, e)) {
            assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.COMPLETED);
        }
        assertThat(List.of(a, b, c, d, e)).extracting(this::attempts).containsExactly(2, 2, 1, 1, 1);
        assertThat(gateway.calls).hasValue(7);
        assertThat(breaker()).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(env.runner().errorHandler().circuitBreaker("payments").snapshot().refusedCalls()).isEqualTo(5);
    }

    @Test
    void fail_fast_counts_a_refusal_as_an_attempt_and_retries_no_sooner_than_the_breaker_allows() {
        register(2, Duration.ofSeconds(1), OpenCircuitPolicy.FAIL_FAST);
        String a = start();
        String b = start();
        env.runUntilIdle();
        String c = start();
        env.runUntilIdle();

        assertThat(gateway.calls).hasValue(2);
        InstanceInfo refused = env.runner().getInstance(c);
        assertThat(refused.steps().get(0).attempts()).isEqualTo(1);
        assertThat(refused.steps().get(0).errorType()).isEqualTo(CircuitBreakerOpenException.class.getName());
        assertThat(refused.steps().get(0).wakeAt()).as("not after 1 s, after the open window")
                .isEqualTo(t0.plus(OPEN_FOR).plusMillis(1));
        assertThat(env.runner().errorHandler().errors(c)).singleElement().satisfies(r -> {
            assertThat(r.action()).isEqualTo(ErrorRecord.Action.RETRY);
            assertThat(r.retryable()).isTrue();
        });

        env.advance(Duration.ofSeconds(1)); // a's and b's retries: refused, their last attempt
        assertThat(env.runner().getWorkflowStatus(a)).isEqualTo(WorkflowStatus.FAILED);
        assertThat(env.runner().getInstance(a).failureMessage()).contains("circuit breaker 'payments' is open");

        gateway.up = true;
        env.advance(OPEN_FOR);
        assertThat(env.runner().getWorkflowStatus(c)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(gateway.calls).hasValue(3);
        assertThat(env.runner().getWorkflowStatus(b)).isEqualTo(WorkflowStatus.FAILED);
    }

    @Test
    void non_retryable_failures_say_nothing_about_the_dependency() {
        register(3, Duration.ofSeconds(1), OpenCircuitPolicy.HOLD);
        gateway.up = true;
        gateway.rejectAsBadInput = true;
        String a = start();
        String b = start();
        String c = start();
        env.runUntilIdle();

        assertThat(List.of(a, b, c)).extracting(id -> env.runner().getWorkflowStatus(id))
                .containsOnly(WorkflowStatus.FAILED);
        assertThat(breaker()).isEqualTo(CircuitBreakerState.CLOSED);
        assertThat(transitions).isEmpty();
    }

    @Test
    void steps_without_a_declared_dependency_are_never_held() {
        register(5, Duration.ofSeconds(10), OpenCircuitPolicy.HOLD);
        env.runner().registerWorkflow(WorkflowDefinition.define("local", "1", TestData.class, b -> b
                .startWith("compute", ctx -> ExecutionResult.next())));
        start();
        start();
        env.runUntilIdle();
        assertThat(breaker()).isEqualTo(CircuitBreakerState.OPEN);

        String local = env.runner().startWorkflow("local", null);
        env.runUntilIdle();

        assertThat(env.runner().getWorkflowStatus(local)).isEqualTo(WorkflowStatus.COMPLETED);
    }
}
