package io.reactory.workflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.resilience.RetryOptions;
import io.reactory.workflow.testing.ManualClock;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's scenarios run on a given store: what the store contract checks piece by piece, checked end to end
 * (JSON round trips of data, items and events included). Subclass once per store.
 */
public abstract class EngineStoreContract {
    protected WorkflowStore store;
    protected TestWorkflowEnvironment env;

    protected abstract WorkflowStore createStore();

    /** Data as a durable store hands it back: a plain bean, rebuilt from JSON between rounds. */
    public static class Order {
        public String id;
        public List<String> lines = new ArrayList<>();
        public List<String> trace = new ArrayList<>();
        public int attempts;
        public String approvedBy;
    }

    @BeforeEach
    void open() {
        store = createStore();
        env = TestWorkflowEnvironment.create(store, ManualClock.startingAt2026());
    }

    @AfterEach
    void close() {
        env.close();
        store.close();
    }

    private static ExecutionResult trace(io.reactory.workflow.api.StepContext<Order> ctx, String what) {
        ctx.data().trace.add(what);
        return ExecutionResult.next();
    }

    @Test
    void every_primitive_runs_to_completion_on_this_store() {
        env.runner().registerWorkflow(WorkflowDefinition.define("order", "1", Order.class, b -> b
                .startWith("receive", ctx -> trace(ctx, "receive " + ctx.data().id))
                .parallel()
                    .branch(x -> x.startWith("stock", ctx -> trace(ctx, "stock")))
                    .branch(x -> x.startWith("fraud", ctx -> trace(ctx, "fraud")))
                .join()
                .forEach(o -> o.lines).then(each -> each.startWith("pack", ctx -> trace(ctx, "pack " + ctx.item(String.class))))
                .when(o -> o.lines.size() > 1).then(x -> x.startWith("bulk", ctx -> trace(ctx, "bulk")))
                .delay(Duration.ofDays(2))
                .waitFor("approved", o -> o.id).output((o, e) -> o.approvedBy = e.as(Map.class).get("by").toString())
                .then("flaky", ctx -> {
                    if (ctx.data().attempts++ < 1) {
                        throw new IllegalStateException("transient");
                    }
                    return trace(ctx, "flaky ok");
                }).retry(RetryOptions.builder().initialInterval(Duration.ofMinutes(1)).build())
                .then("ship", ctx -> trace(ctx, "ship"))));
        Order input = new Order();
        input.id = "o-1";
        input.lines = List.of("a", "b");
        String id = env.runner().startWorkflow("order", null, input);

        env.runUntilIdle();
        env.runner().publishEvent("approved", "o-1", Map.of("by", "carol")); // before the workflow waits
        InstanceInfo done = env.runToCompletion(id);

        assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
        Order result = io.reactory.workflow.internal.Json.convert(done.data(), Order.class);
        assertThat(result.trace).startsWith("receive o-1").contains("stock", "fraud")
                .containsSubsequence("pack a", "pack b", "bulk", "flaky ok", "ship");
        assertThat(result.approvedBy).isEqualTo("carol");
        assertThat(Duration.between(done.startedAt(), done.completedAt())).isGreaterThanOrEqualTo(Duration.ofDays(2));
    }

    @Test
    void pause_resume_and_cancel_work_on_this_store() {
        env.runner().registerWorkflow(WorkflowDefinition.define("slow", "1", Order.class, b -> b
                .startWith("a", ctx -> trace(ctx, "a"))
                .delay(Duration.ofHours(1))
                .then("b", ctx -> trace(ctx, "b"))));
        String paused = env.runner().startWorkflow("slow", null);
        String cancelled = env.runner().startWorkflow("slow", null);
        env.runUntilIdle();

        env.runner().pauseWorkflow(paused);
        env.runner().cancelWorkflow(cancelled);
        env.advance(Duration.ofHours(2));
        assertThat(env.runner().getWorkflowStatus(paused)).isEqualTo(WorkflowStatus.PAUSED);
        assertThat(env.runner().getWorkflowStatus(cancelled)).isEqualTo(WorkflowStatus.CANCELLED);

        env.runner().resumeWorkflow(paused);
        env.runUntilIdle();
        assertThat(env.runner().getWorkflowStatus(paused)).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void saga_compensation_runs_on_this_store() {
        env.runner().registerWorkflow(WorkflowDefinition.define("saga", "1", Order.class, b -> b
                .saga(s -> s
                        .startWith("one", ctx -> trace(ctx, "one")).compensateWith("undo-one", ctx -> trace(ctx, "undo-one"))
                        .then("two", ctx -> trace(ctx, "two")).compensateWith("undo-two", ctx -> trace(ctx, "undo-two"))
                        .then("boom", ctx -> {
                            throw new IllegalStateException("boom");
                        }).retry(RetryOptions.NONE))));
        InstanceInfo done = env.runToCompletion(env.runner().startWorkflow("saga", null));

        assertThat(done.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(io.reactory.workflow.internal.Json.convert(done.data(), Order.class).trace)
                .containsExactly("one", "two", "undo-two", "undo-one");
    }

    @Test
    void the_threaded_engine_completes_many_instances_on_this_store() {
        try (WorkflowRunner runner = WorkflowRunner.builder().store(store)
                .options(RunnerOptions.defaults().withNodeId("contract-node").withPollInterval(Duration.ofMillis(200)))
                .build()) {
            runner.registerWorkflow(WorkflowDefinition.define("triple", "1", Order.class, b -> b
                    .startWith("a", ctx -> trace(ctx, "a")).then("b", ctx -> trace(ctx, "b")).then("c", ctx -> trace(ctx, "c"))));
            runner.initialize();
            List<String> ids = new ArrayList<>();
            for (int k = 0; k < 300; k++) {
                ids.add(runner.startWorkflow("triple", null));
            }
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    runner.getWorkflowStats().instancesByStatus().getOrDefault(WorkflowStatus.COMPLETED, 0L) == 300L);
            assertThat(io.reactory.workflow.internal.Json.convert(runner.getInstance(ids.get(0)).data(), Order.class).trace)
                    .containsExactly("a", "b", "c");
        }
    }
}
