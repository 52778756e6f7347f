package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.resilience.CircuitBreakerOptions;
import io.reactory.workflow.resilience.CircuitBreakerState;
import io.reactory.workflow.resilience.CircuitBreakerTransition;
import io.reactory.workflow.resilience.ErrorHandlerOptions;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** A breaker under the engine's own threads and the real clock: concurrent trial calls and holds stay consistent. */
class ThreadedCircuitBreakerTest {
    private static final Set<String> DIAGRAM = Set.of("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED",
            "HALF_OPEN->OPEN");

    @Test
    void under_concurrent_load_the_breaker_opens_and_closes_by_the_diagram_and_every_instance_completes() {
        AtomicBoolean up = new AtomicBoolean();
        List<CircuitBreakerTransition> transitions = new CopyOnWriteArrayList<>();
        ErrorHandlerOptions errors = ErrorHandlerOptions.DEFAULT.withCircuitBreaker("payments", CircuitBreakerOptions
                .builder().failureRateThreshold(0).consecutiveFailures(5).openDuration(Duration.ofMillis(50))
                .trialCalls(2).build());
        try (WorkflowRunner runner = WorkflowRunner.builder()
                .options(RunnerOptions.defaults().withNodeId("breaker-node").withPollInterval(Duration.ofMillis(100)))
                .errorHandler(errors)
                .listener(new WorkflowListener() {
                    @Override
                    public void circuitBreakerTransition(CircuitBreakerTransition transition) {
                        transitions.add(transition);
                    }
                })
                .build()) {
            runner.registerWorkflow(WorkflowDefinition.define("pay", "1", TestData.class, b -> b
                    .startWith("charge", ctx -> {
                        if (!up.get()) {
                            throw new IllegalStateException("payments unavailable");
                        }
                        return ExecutionResult.next();
                    }).circuitBreaker("payments")
                    .retry(RetryOptions.builder().initialInterval(Duration.ofMillis(20)).backoffCoefficient(1)
                            .maximumAttempts(0).build())));
            runner.initialize();
            for (int k = 0; k < 200; k++) {
                runner.startWorkflow("pay", null);
            }
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    transitions.stream().anyMatch(t -> t.to() == CircuitBreakerState.OPEN));

            up.set(true);

            await().atMost(Duration.ofSeconds(30)).until(() ->
                    runner.getWorkflowStats().instancesByStatus().getOrDefault(WorkflowStatus.COMPLETED, 0L) == 200L);
            assertThat(runner.errorHandler().circuitBreaker("payments").state()).isEqualTo(CircuitBreakerState.CLOSED);
            assertThat(transitions).extracting(t -> t.from() + "->" + t.to()).allMatch(DIAGRAM::contains)
                    .contains("CLOSED->OPEN", "OPEN->HALF_OPEN", "HALF_OPEN->CLOSED");
        }
    }
}
