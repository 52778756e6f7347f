package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.IllegalTransitionException;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.RetryNotAllowedException;
import io.reactory.workflow.api.StepFailedException;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.config.ConfiguredErrorHandling;
import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.ErrorClassifier;
import io.reactory.workflow.resilience.ErrorStats;
import io.reactory.workflow.resilience.NonRetryableError;
import io.reactory.workflow.resilience.RetryOptions;
import io.reactory.workflow.resilience.WorkflowTimeoutException;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The ErrorHandler's acceptance lines, under the manual clock: back-off timings, retries that succeed, non-retryable
 * errors, the failure behaviours, timeouts, retry of a FAILED instance, and the error records behind each.
 * (Circuit breakers: {@link CircuitBreakerScenariosTest}; a restart during a back-off:
 * {@code persistence.ResilienceStoreContract}.)
 */
class ErrorHandlerAcceptanceTest {
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();
    private final Instant t0 = env.clock().instant();

    @AfterEach
    void close() {
        env.close();
    }

    /** A step that notes each attempt's time and fails {@code failures} times with what {@code error} makes. */
    private void flaky(String id, int failures, Supplier<RuntimeException> error, RetryOptions retry,
                       ErrorBehavior behavior) {
        env.runner().registerWorkflow(WorkflowDefinition.define(id, "1", TestData.class, b -> b
                .startWith("flaky", ctx -> {
                    ctx.data().trace.add(ctx.now().toString());
                    if (ctx.data().counter++ < failures) {
                        throw error.get();
                    }
                    return ExecutionResult.next();
                }).retry(retry).onError(behavior)));
    }

    private static List<Instant> attemptTimes(InstanceInfo info) {
        return ((TestData) info.data()).trace.stream().map(Instant::parse).toList();
    }

    private List<ErrorRecord> errors(String id) {
        return env.runner().errorHandler().errors(id);
    }

    @Test
    void exponential_backoff_grows_by_the_coefficient_up_to_the_cap_within_the_jitter_bounds() {
        flaky("jittered", 99, () -> new IllegalStateException("down"), RetryOptions.builder()
                .initialInterval(Duration.ofSeconds(10)).backoffCoefficient(2).maximumInterval(Duration.ofSeconds(60))
                .jitter(0.25).maximumAttempts(7).build(), ErrorBehavior.RETRY);
        flaky("exact", 99, () -> new IllegalStateException("down"), RetryOptions.builder()
                .initialInterval(Duration.ofSeconds(10)).backoffCoefficient(2).maximumInterval(Duration.ofSeconds(60))
                .maximumAttempts(7).build(), ErrorBehavior.RETRY);
        String jittered = env.runner().startWorkflow("jittered", null);
        String exact = env.runner().startWorkflow("exact", null);

        InstanceInfo done = env.runToCompletion(jittered);
        env.runToCompletion(exact);

        long[] caps = {10, 20, 40, 60, 60, 60};
        List<Instant> times = attemptTimes(done);
        assertThat(times).hasSize(7).startsWith(t0);
        for (int k = 0; k < caps.length; k++) {
            Duration wait = Duration.between(times.get(k), times.get(k + 1));
            assertThat(wait).as("wait before retry %d", k + 1)
                    .isBetween(Duration.ofMillis(caps[k] * 750), Duration.ofSeconds(caps[k]));
        }
        List<Instant> exactTimes = attemptTimes(env.runner().getInstance(exact));
        assertThat(exactTimes).containsExactly(t0, t0.plusSeconds(10), t0.plusSeconds(30), t0.plusSeconds(70),
                t0.plusSeconds(130), t0.plusSeconds(190), t0.plusSeconds(250));

        List<ErrorRecord> records = errors(jittered);
        assertThat(records).extracting(ErrorRecord::attempt).containsExactly(1, 2, 3, 4, 5, 6, 7);
        assertThat(records.subList(0, 6)).extracting(ErrorRecord::retryAt).containsExactlyElementsOf(times.subList(1, 7));
        assertThat(records.get(6).action()).isEqualTo(ErrorRecord.Action.FAIL);
        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
    }

    @Test
    void a_step_that_fails_twice_then_succeeds_completes_and_both_failures_are_recorded() {
        flaky("flaky", 2, () -> new IllegalStateException("not yet"), RetryOptions.builder()
                .initialInterval(Duration.ofSeconds(10)).backoffCoefficient(3).maximumAttempts(5).build(),
                ErrorBehavior.RETRY);
        String id = env.runner().startWorkflow("flaky", null);

        env.runUntilIdle();
        env.advance(Duration.ofSeconds(10));
        env.advance(Duration.ofSeconds(30));

        InstanceInfo done = env.runner().getInstance(id);
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(attemptTimes(done)).containsExactly(t0, t0.plusSeconds(10), t0.plusSeconds(40));
        assertThat(errors(id)).hasSize(2).allSatisfy(r -> {
            assertThat(r.instanceId()).isEqualTo(id);
            assertThat(r.workflowId()).isEqualTo("flaky");
            assertThat(r.stepName()).isEqualTo("flaky");
            assertThat(r.pointerId()).isEqualTo(done.steps().get(0).pointerId());
            assertThat(r.errorType()).isEqualTo(IllegalStateException.class.getName());
            assertThat(r.message()).isEqualTo("not yet");
            assertThat(r.stackTrace()).startsWith("java.lang.IllegalStateException: not yet\n\tat ");
            assertThat(r.retryable()).isTrue();
            assertThat(r.action()).isEqualTo(ErrorRecord.Action.RETRY);
        });
        assertThat(errors(id)).extracting(ErrorRecord::attempt, ErrorRecord::occurredAt, ErrorRecord::retryAt)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, t0, t0.plusSeconds(10)),
                        org.assertj.core.groups.Tuple.tuple(2, t0.plusSeconds(10), t0.plusSeconds(40)));
        ErrorStats stats = env.runner().errorHandler().stats();
        assertThat(stats.failures()).isEqualTo(2);
        assertThat(stats.retries()).isEqualTo(2);
        assertThat(stats.retryRate()).isEqualTo(1.0);
        assertThat(stats.failuresByErrorType()).containsExactly(java.util.Map.entry(IllegalStateException.class.getName(), 2L));
    }

    static class CardDeclined extends RuntimeException implements NonRetryableError {
        CardDeclined() {
            super("card declined");
        }
    }

    @Test
    void a_non_retryable_error_goes_straight_to_failed_however_it_is_classified() {
        env.runner().errorHandler().addClassifier(ErrorClassifier.nonRetryableWhen(e -> e instanceof ArithmeticException));
        RetryOptions generous = RetryOptions.builder().maximumAttempts(10).doNotRetry(IllegalArgumentException.class).build();
        flaky("by-step", 99, () -> StepFailedException.nonRetryable("order is invalid"), generous, ErrorBehavior.RETRY);
        flaky("by-marker", 99, CardDeclined::new, generous, ErrorBehavior.RETRY);
        flaky("by-type", 99, () -> new NumberFormatException("not a number"), generous, ErrorBehavior.RETRY);
        flaky("by-classifier", 99, () -> new ArithmeticException("/ by zero"), generous, ErrorBehavior.RETRY);

        for (String workflow : List.of("by-step", "by-marker", "by-type", "by-classifier")) {
            String id = env.runner().startWorkflow(workflow, null);
            env.runUntilIdle();
            InstanceInfo done = env.runner().getInstance(id);
            assertThat(done.status()).as(workflow).isEqualTo(WorkflowStatus.FAILED);
            assertThat(done.failureReason()).isEqualTo("STEP_FAILED");
            assertThat(((TestData) done.data()).counter).as(workflow + ": one attempt").isEqualTo(1);
            assertThat(errors(id)).singleElement().satisfies(r -> {
                assertThat(r.retryable()).isFalse();
                assertThat(r.action()).isEqualTo(ErrorRecord.Action.FAIL);
                assertThat(r.retryAt()).isNull();
            });
        }
    }

    @Test
    void suspend_pauses_the_instance_and_resume_runs_the_step_again_to_completion() {
        flaky("suspending", 1, () -> new IllegalStateException("needs a human"), RetryOptions.DEFAULT,
                ErrorBehavior.SUSPEND);
        String id = env.runner().startWorkflow("suspending", null);
        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.PAUSED);
        env.advance(Duration.ofDays(1));
        assertThat(env.runner().getWorkflowStatus(id)).as("stays paused").isEqualTo(WorkflowStatus.PAUSED);
        assertThat(errors(id)).singleElement().extracting(ErrorRecord::action).isEqualTo(ErrorRecord.Action.SUSPEND);

        env.runner().resumeWorkflow(id);
        env.runUntilIdle();

        InstanceInfo done = env.runner().getInstance(id);
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(done.steps().get(0).attempts()).isEqualTo(2);
    }

    @Test
    void terminate_fails_the_instance_at_the_first_failure() {
        flaky("terminating", 1, () -> new IllegalStateException("fatal"), RetryOptions.builder().maximumAttempts(5).build(),
                ErrorBehavior.TERMINATE);
        String id = env.runner().startWorkflow("terminating", null);
        env.runUntilIdle();

        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.FAILED);
        assertThat(errors(id)).singleElement().extracting(ErrorRecord::action).isEqualTo(ErrorRecord.Action.FAIL);
    }

    @Test
    void compensate_undoes_the_completed_steps_in_reverse_order_without_retrying() {
        env.runner().registerWorkflow(WorkflowDefinition.define("booking", "1", TestData.class, b -> b
                .saga(saga -> saga
                        .startWith("reserve-flight", ctx -> trace(ctx.data(), "reserve-flight"))
                            .compensateWith("cancel-flight", ctx -> trace(ctx.data(), "cancel-flight"))
                        .then("reserve-hotel", ctx -> trace(ctx.data(), "reserve-hotel"))
                            .compensateWith("cancel-hotel", ctx -> trace(ctx.data(), "cancel-hotel"))
                        .then("reserve-car", ctx -> trace(ctx.data(), "reserve-car"))
                            .compensateWith("cancel-car", ctx -> trace(ctx.data(), "cancel-car"))
                        .then("charge", ctx -> {
                            trace(ctx.data(), "charge");
                            throw new IllegalStateException("payment refused");
                        }).retry(RetryOptions.builder().maximumAttempts(5).build()).onError(ErrorBehavior.COMPENSATE))));
        String id = env.runner().startWorkflow("booking", null);

        InstanceInfo done = env.runToCompletion(id);

        assertThat(((TestData) done.data()).trace).containsExactly("reserve-flight", "reserve-hotel", "reserve-car",
                "charge", "cancel-car", "cancel-hotel", "cancel-flight");
        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(done.failureReason()).isEqualTo("COMPENSATED");
        assertThat(errors(id)).singleElement().satisfies(r -> {
            assertThat(r.stepName()).isEqualTo("charge");
            assertThat(r.action()).isEqualTo(ErrorRecord.Action.COMPENSATE);
        });
        assertThatThrownBy(() -> env.runner().retryWorkflow(id)).isInstanceOf(RetryNotAllowedException.class)
                .hasMessageContaining("COMPENSATED").hasMessageContaining("start a new instance");
    }

    private static ExecutionResult trace(TestData data, String what) {
        data.trace.add(what);
        return ExecutionResult.next();
    }

    @Test
    void a_step_that_overstays_its_timeout_is_interrupted_and_retried() throws InterruptedException {
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        env.runner().registerWorkflow(WorkflowDefinition.define("slow-call", "1", TestData.class, b -> b
                .startWith("call", ctx -> {
                    if (ctx.attempt() == 1) {
                        try {
                            never.await(); // a hung remote call
                        } catch (InterruptedException e) {
                            interrupted.countDown();
                            throw new IllegalStateException("interrupted", e);
                        }
                    }
                    ctx.data().trace.add("answered on attempt " + ctx.attempt());
                    return ExecutionResult.next();
                }).timeout(Duration.ofMillis(100))
                .retry(RetryOptions.builder().initialInterval(Duration.ofSeconds(5)).maximumAttempts(3).build())));
        String id = env.runner().startWorkflow("slow-call", null);

        env.runUntilIdle();

        assertThat(interrupted.await(10, java.util.concurrent.TimeUnit.SECONDS)).as("the body was interrupted").isTrue();
        InstanceInfo waiting = env.runner().getInstance(id);
        assertThat(waiting.status()).isEqualTo(WorkflowStatus.RUNNING);
        assertThat(waiting.steps().get(0).errorType()).isEqualTo(StepTimeoutException.class.getName());
        assertThat(waiting.steps().get(0).wakeAt()).isEqualTo(t0.plusSeconds(5));
        assertThat(errors(id)).singleElement().satisfies(r -> {
            assertThat(r.retryable()).isTrue();
            assertThat(r.action()).isEqualTo(ErrorRecord.Action.RETRY);
            assertThat(r.message()).contains("did not finish within its timeout of PT0.1S");
        });

        env.advance(Duration.ofSeconds(5));

        InstanceInfo done = env.runner().getInstance(id);
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(((TestData) done.data()).trace).containsExactly("answered on attempt 2");
    }

    @Test
    void the_workflow_timeout_from_the_yaml_configuration_fails_the_instance_with_reason_timeout() {
        WorkflowDefinition definition = WorkflowDefinition.define("data-processing", "1.0", TestData.class, b -> b
                .startWith("extract", ctx -> trace(ctx.data(), "extract"))
                .delay(Duration.ofMinutes(10))
                .then("load", ctx -> trace(ctx.data(), "load")));
        env.runner().registerWorkflow(definition);
        WorkflowConfig config = new WorkflowConfig("data-processing", "etl", "Data Processing Pipeline", "1.0", true, 3,
                300_000L, "normal", 5, null, null, null, null);
        env.runner().replaceWorkflow(ConfiguredErrorHandling.apply(config, definition)); // what the ConfigurationManager does

        String id = env.runner().startWorkflow("data-processing", null);
        InstanceInfo done = env.runToCompletion(id);

        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(done.failureReason()).isEqualTo("TIMEOUT");
        assertThat(Duration.between(done.startedAt(), done.completedAt())).isEqualTo(Duration.ofMinutes(5));
        assertThat(((TestData) done.data()).trace).containsExactly("extract");
        assertThat(errors(id)).singleElement().satisfies(r -> {
            assertThat(r.errorType()).isEqualTo(WorkflowTimeoutException.class.getName());
            assertThat(r.stepName()).isNull();
            assertThat(r.action()).isEqualTo(ErrorRecord.Action.FAIL);
            assertThat(r.occurredAt()).isEqualTo(t0.plus(Duration.ofMinutes(5)));
        });
    }

    @Test
    void retry_of_a_failed_instance_resumes_at_the_failed_step_keeping_the_data_of_the_steps_before() {
        List<String> calls = new ArrayList<>();
        env.runner().registerWorkflow(WorkflowDefinition.define("resumable", "1", TestData.class, b -> b
                .startWith("first", ctx -> {
                    calls.add("first");
                    ctx.data().result = "computed by first";
                    return ExecutionResult.next();
                })
                .then("second", ctx -> {
                    calls.add("second");
                    if (ctx.data().counter++ < 2) {
                        throw new IllegalStateException("downstream is down");
                    }
                    ctx.data().trace.add("second saw: " + ctx.data().result);
                    return ExecutionResult.next();
                }).retry(RetryOptions.builder().initialInterval(Duration.ofSeconds(1)).maximumAttempts(2).build())
                .then("third", ctx -> {
                    calls.add("third");
                    return ExecutionResult.next();
                })));
        String id = env.runner().startWorkflow("resumable", null);
        InstanceInfo failed = env.runToCompletion(id);
        assertThat(failed.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(failed.failedStep()).isEqualTo("second");

        env.runner().retryWorkflow(id);
        env.runUntilIdle();

        InstanceInfo done = env.runner().getInstance(id);
        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(calls).containsExactly("first", "second", "second", "second", "third");
        assertThat(((TestData) done.data()).trace).containsExactly("second saw: computed by first");
        assertThat(errors(id)).extracting(ErrorRecord::attempt, ErrorRecord::action).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, ErrorRecord.Action.RETRY),
                org.assertj.core.groups.Tuple.tuple(2, ErrorRecord.Action.FAIL));
    }

    private static WorkflowDefinition timedExtractAndLoad(Duration timeout) {
        return WorkflowDefinition.define("timed", "1", TestData.class, b -> {
            if (timeout != null) {
                b.workflowTimeout(timeout);
            }
            b.startWith("extract", ctx -> trace(ctx.data(), "extract"))
                    .delay(Duration.ofMinutes(10))
                    .then("load", ctx -> trace(ctx.data(), "load"));
        });
    }

    @Test
    void retry_of_an_instance_that_timed_out_is_refused_saying_why_and_leaves_it_failed() {
        env.runner().registerWorkflow(timedExtractAndLoad(Duration.ofMinutes(5)));
        String id = env.runner().startWorkflow("timed", null);
        assertThat(env.runToCompletion(id).failureReason()).isEqualTo("TIMEOUT");

        assertThatThrownBy(() -> env.runner().retryWorkflow(id))
                .isInstanceOfSatisfying(RetryNotAllowedException.class, e -> {
                    assertThat(e.instanceId()).isEqualTo(id);
                    assertThat(e.failureReason()).isEqualTo("TIMEOUT");
                    assertThat(e.current()).isEqualTo(WorkflowStatus.FAILED);
                    assertThat(e.requested()).isEqualTo(WorkflowStatus.RUNNING);
                })
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessageContaining("workflow timeout cancelled its pointers")
                .hasMessageContaining("start a new instance");

        // nor once the timeout is gone from the definition (a configuration reload): nothing is left to run
        env.runner().replaceWorkflow(timedExtractAndLoad(null));
        assertThatThrownBy(() -> env.runner().retryWorkflow(id)).isInstanceOf(RetryNotAllowedException.class);
        env.advance(Duration.ofHours(1));
        InstanceInfo after = env.runner().getInstance(id);
        assertThat(after.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(after.failureReason()).isEqualTo("TIMEOUT");
        assertThat(((TestData) after.data()).trace).containsExactly("extract");
    }
}
