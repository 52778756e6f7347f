package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Eager start: a start that is due at once is created leased to the starting engine, which runs it without claiming
 * it from the store; everything else is claimed as before.
 */
class EagerStartTest {
    private final InMemoryWorkflowStore memory = new InMemoryWorkflowStore();
    /** Instances handed out by claims (not claim calls: the engine polls). */
    private final AtomicInteger claimed = new AtomicInteger();
    private final WorkflowStore store = countingClaims(memory, claimed);

    private static WorkflowDefinition oneStep() {
        return WorkflowDefinition.define("one-step", "1", TestData.class, b -> b
                .startWith("only", ctx -> {
                    ctx.data().trace.add("ran");
                    return ExecutionResult.next();
                }));
    }

    private WorkflowRunner runner(RunnerOptions options) {
        WorkflowRunner runner = WorkflowRunner.builder().store(store).options(options.withNodeId("node-1")).build();
        runner.registerWorkflow(oneStep());
        runner.initialize();
        return runner;
    }

    @Test
    void starts_that_are_due_run_without_a_claim() {
        try (WorkflowRunner runner = runner(RunnerOptions.defaults())) {
            List<String> ids = startTwenty(runner);
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                    .allMatch(id -> runner.getWorkflowStatus(id) == WorkflowStatus.COMPLETED));
            assertThat(claimed).hasValue(0);
            assertThat(((TestData) runner.getInstance(ids.get(0)).data()).trace).containsExactly("ran");
        }
    }

    @Test
    void without_eager_start_every_instance_is_claimed() {
        try (WorkflowRunner runner = runner(RunnerOptions.defaults().withEagerStart(false))) {
            List<String> ids = startTwenty(runner);
            await().atMost(Duration.ofSeconds(10)).until(() -> ids.stream()
                    .allMatch(id -> runner.getWorkflowStatus(id) == WorkflowStatus.COMPLETED));
            assertThat(claimed).hasValue(20);
        }
    }

    @Test
    void a_start_at_a_later_time_is_not_leased_to_its_starter() {
        try (WorkflowRunner runner = runner(RunnerOptions.defaults())) {
            String id = runner.startWorkflow("one-step", null, new TestData(),
                    StartOptions.DEFAULT.withStartAt(Instant.now().plus(Duration.ofHours(1))));
            assertThat(memory.instances().find(id).orElseThrow().leaseOwner).isNull();
            assertThat(runner.getWorkflowStatus(id)).isEqualTo(WorkflowStatus.PENDING);
        }
    }

    @Test
    void an_engine_at_its_limit_leaves_new_starts_to_claims() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WorkflowRunner runner = WorkflowRunner.builder().store(store)
                .options(RunnerOptions.defaults().withNodeId("node-1").withMaxInFlight(1)).build();
        runner.registerWorkflow(WorkflowDefinition.define("blocking", "1", TestData.class, b -> b
                .startWith("block", ctx -> {
                    entered.countDown();
                    if (!release.await(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never released");
                    }
                    return ExecutionResult.next();
                })));
        runner.initialize();
        try (runner) {
            String first = runner.startWorkflow("blocking", null);
            assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
            String second = runner.startWorkflow("blocking", null);
            assertThat(memory.instances().find(second).orElseThrow().leaseOwner).isNull();
            release.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> runner.getWorkflowStatus(second) == WorkflowStatus.COMPLETED);
            assertThat(runner.getWorkflowStatus(first)).isEqualTo(WorkflowStatus.COMPLETED);
            assertThat(claimed).hasValue(1);
        }
    }

    private static List<String> startTwenty(WorkflowRunner runner) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(runner.startWorkflow("one-step", null, new TestData()));
        }
        return ids;
    }

    /** The store, counting the instances its claims hand out. */
    private static WorkflowStore countingClaims(WorkflowStore real, AtomicInteger claimed) {
        InstanceStore instances = (InstanceStore) Proxy.newProxyInstance(InstanceStore.class.getClassLoader(),
                new Class<?>[] {InstanceStore.class}, (proxy, method, args) -> {
                    Object result = forward(method, real.instances(), args);
                    if (method.getName().equals("claim")) {
                        claimed.addAndGet(((List<?>) result).size());
                    }
                    return result;
                });
        return (WorkflowStore) Proxy.newProxyInstance(WorkflowStore.class.getClassLoader(),
                new Class<?>[] {WorkflowStore.class}, (proxy, method, args) ->
                        method.getName().equals("instances") ? instances : forward(method, real, args));
    }

    private static Object forward(Method method, Object target, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
