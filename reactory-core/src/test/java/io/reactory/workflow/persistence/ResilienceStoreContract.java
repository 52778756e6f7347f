package io.reactory.workflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.resilience.CircuitBreakerOptions;
import io.reactory.workflow.resilience.CircuitBreakerState;
import io.reactory.workflow.resilience.RetryOptions;
import io.reactory.workflow.testing.ManualClock;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The ErrorHandler's durability across a restart: a new engine on the same store (for a durable store, the same
 * database file or server opened again) continues a back-off or a breaker hold exactly where the old one left it.
 * Subclass once per store; {@link #reopen} says what "the same store after a restart" is.
 */
public abstract class ResilienceStoreContract {
    protected final ManualClock clock = ManualClock.startingAt2026();
    protected WorkflowStore store;
    private final List<TestWorkflowEnvironment> engines = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicBoolean dependencyUp = new AtomicBoolean();

    /** A new, empty store. */
    protected abstract WorkflowStore createStore();

    /**
     * The store {@code closed} was, opened again as a restarted process would open it ({@code closed} has been
     * closed). The in-memory store answers the same object: it has no process to outlive.
     */
    protected abstract WorkflowStore reopen(WorkflowStore closed);

    /** Data as a durable store hands it back: a plain bean rebuilt from JSON. */
    public static class Charge {
        public List<String> attempts = new ArrayList<>();
    }

    @BeforeEach
    void open() {
        store = createStore();
    }

    @AfterEach
    void close() {
        engines.forEach(TestWorkflowEnvironment::close);
        store.close();
    }

    /** An engine on the current store, with the workflow registered: what a (re)started process does first. */
    private TestWorkflowEnvironment engine() {
        TestWorkflowEnvironment env = TestWorkflowEnvironment.create(store, clock);
        engines.add(env);
        env.runner().errorHandler().configureCircuitBreaker("payments", CircuitBreakerOptions.builder()
                .failureRateThreshold(0).consecutiveFailures(1).openDuration(Duration.ofMinutes(30)).build());
        env.runner().registerWorkflow(WorkflowDefinition.define("charge", "1", Charge.class, b -> b
                .startWith("charge", ctx -> {
                    calls.incrementAndGet();
                    ctx.data().attempts.add(ctx.attempt() + " at " + ctx.now());
                    if (!dependencyUp.get()) {
                        throw new IllegalStateException("payments unavailable");
                    }
                    return ExecutionResult.next();
                }).circuitBreaker("payments")
                .retry(RetryOptions.builder().initialInterval(Duration.ofMinutes(10)).maximumAttempts(3).build())));
        return env;
    }

    /** Stops the engine (its instances are not leased while they wait) and opens the store again. */
    private TestWorkflowEnvironment restart(TestWorkflowEnvironment old) {
        old.close();
        engines.remove(old);
        store.close();
        store = reopen(store);
        return engine();
    }

    private static List<String> attempts(InstanceInfo info) {
        return io.reactory.workflow.internal.Json.convert(info.data(), Charge.class).attempts;
    }

    @Test
    void a_restart_during_a_back_off_runs_the_retry_once_at_the_right_time() {
        Instant t0 = clock.instant();
        TestWorkflowEnvironment first = engine();
        String id = first.runner().startWorkflow("charge", null);
        first.runUntilIdle();
        first.advance(Duration.ofMinutes(5));
        assertThat(calls).hasValue(1);

        TestWorkflowEnvironment second = restart(first);
        dependencyUp.set(true);
        second.runUntilIdle();
        InstanceInfo waiting = second.runner().getInstance(id);
        assertThat(calls).as("nothing is repeated at start-up").hasValue(1);
        assertThat(waiting.status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(waiting.steps().get(0).wakeAt()).isEqualTo(t0.plus(Duration.ofMinutes(10)));
        assertThat(second.runner().errorHandler().errors(id)).as("the first failure's record survived")
                .singleElement().satisfies(r -> assertThat(r.retryAt()).isEqualTo(t0.plus(Duration.ofMinutes(10))));

        second.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(calls).as("not before the back-off ends").hasValue(1);
        second.advance(Duration.ofMillis(1));
        assertThat(calls).hasValue(2);
        second.advance(Duration.ofHours(1));

        InstanceInfo done = second.runner().getInstance(id);
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(calls).as("the retry ran exactly once").hasValue(2);
        assertThat(attempts(done)).containsExactly("1 at " + t0, "2 at " + t0.plus(Duration.ofMinutes(10)));
    }

    @Test
    void a_step_held_by_an_open_breaker_keeps_its_wake_up_and_its_attempts_across_a_restart() {
        Instant t0 = clock.instant();
        TestWorkflowEnvironment first = engine();
        String failing = first.runner().startWorkflow("charge", null);
        first.runUntilIdle(); // fails once: the breaker opens for 30 minutes
        assertThat(first.runner().errorHandler().circuitBreaker("payments").state()).isEqualTo(CircuitBreakerState.OPEN);
        String held = first.runner().startWorkflow("charge", null);
        first.runUntilIdle();
        assertThat(first.runner().getInstance(held).steps().get(0).wakeAt())
                .isEqualTo(t0.plus(Duration.ofMinutes(30)).plusMillis(1));

        TestWorkflowEnvironment second = restart(first);
        dependencyUp.set(true);
        second.runUntilIdle();
        assertThat(calls).as("breaker state is per process, but the hold is durable").hasValue(1);

        second.advance(Duration.ofMinutes(30).plusMillis(1));

        InstanceInfo done = second.runner().getInstance(held);
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.steps().get(0).attempts()).as("the hold used no attempt").isEqualTo(1);
        assertThat(second.runner().getWorkflowStatus(failing)).isEqualTo(WorkflowStatus.COMPLETED);
    }
}
