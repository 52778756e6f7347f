package io.reactory.workflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Concurrency limits on a store: never more RUNNING instances than allowed (checked against the store at every
 * status change), excess instances queued in priority order, aged so low priority is not starved, the global
 * limit, and the same with the threaded engine. Subclass once per store.
 */
public abstract class AdmissionContract extends LifecycleContractBase {
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final AtomicInteger mostRunning = new AtomicInteger();

    /** {@code job} and {@code batch}: record their start, wait for {@code release} keyed by their name, end. */
    @Override
    protected void registerWorkflows(WorkflowRunner runner) {
        super.registerWorkflows(runner);
        for (String id : List.of("job", "batch")) {
            runner.registerWorkflow(WorkflowDefinition.define(id, "1", Job.class, b -> b
                    .startWith("enter", ctx -> {
                        ran.add(ctx.instanceId());
                        return ExecutionResult.next();
                    })
                    .waitFor("release", job -> job.payload)
                    .then("leave", ctx -> ExecutionResult.next())));
        }
    }

    /** Checks, at every committed status change, how many instances the store has RUNNING. */
    private void watchRunning(WorkflowRunner runner, String workflowId, int limit) {
        runner.addListener(new WorkflowListener() {
            @Override
            public void statusChanged(StatusChange change) {
                long running = workflowId == null
                        ? store.lifecycle().runningByWorkflow().values().stream().mapToLong(Long::longValue).sum()
                        : store.lifecycle().runningByWorkflow().getOrDefault(workflowId, 0L);
                mostRunning.accumulateAndGet((int) running, Math::max);
                if (running > limit) {
                    violations.add(running + " RUNNING after " + change);
                }
            }
        });
    }

    /** Starts one; the clock moves a millisecond first, so creation order is due order on every store. */
    private String job(Engine e, String workflowId, String name, Priority priority) {
        clock.advance(Duration.ofMillis(1));
        Job job = new Job();
        job.payload = name;
        return e.runner().startWorkflow(workflowId, null, job, StartOptions.DEFAULT.withPriority(priority));
    }

    private void release(Engine e, String name) {
        e.runner().publishEvent("release", name, Map.of());
        e.settle();
    }

    @Test
    void fifty_started_under_a_limit_of_five_never_run_more_than_five_and_the_queued_start_in_priority_order() {
        Engine e = engine(LifecycleOptions.builder().concurrency("job", 5).build());
        watchRunning(e.runner(), "job", 5);
        List<String> ids = new ArrayList<>();
        List<Priority> priorities = new ArrayList<>();
        Priority[] cycle = {Priority.LOW, Priority.NORMAL, Priority.HIGH, Priority.NORMAL};
        for (int k = 0; k < 50; k++) {
            priorities.add(cycle[k % cycle.length]);
            ids.add(job(e, "job", "j" + k, priorities.get(k)));
        }
        e.settle();

        assertThat(ran).as("free slots are taken at once, in arrival order").containsExactlyElementsOf(ids.subList(0, 5));
        LifecycleStats stats = e.lifecycle().getLifecycleStats();
        assertThat(stats.queuedByWorkflow()).containsEntry("job", 45L);
        assertThat(stats.runningByWorkflow()).containsEntry("job", 5L);
        for (int released = 0; released < 50; released++) {
            release(e, "j" + ids.indexOf(ran.get(released)));
        }

        assertThat(e.runner().getWorkflowStats().instancesByStatus()).containsEntry(WorkflowStatus.COMPLETED, 50L);
        List<String> queued = new ArrayList<>(ids.subList(5, 50));
        queued.sort(Comparator.comparing((String id) -> priorities.get(ids.indexOf(id))).thenComparing(ids::indexOf));
        assertThat(ran.subList(5, 50)).as("the queued started high, normal, low, oldest first in each")
                .containsExactlyElementsOf(queued);
        assertThat(violations).isEmpty();
        assertThat(mostRunning).hasValue(5);
        assertThat(e.lifecycle().getLifecycleStats().queued()).isZero();
    }

    @Test
    void a_low_priority_instance_that_waited_long_enough_goes_before_newer_high_priority_ones() {
        Engine e = engine(LifecycleOptions.builder().concurrency("job", 1).agingStep(Duration.ofMinutes(1)).build());
        job(e, "job", "blocker", Priority.NORMAL);
        String low = job(e, "job", "low", Priority.LOW);
        clock.advance(Duration.ofMinutes(3));
        String high = job(e, "job", "high", Priority.HIGH);
        String normal = job(e, "job", "normal", Priority.NORMAL);
        e.settle();

        release(e, "blocker");
        release(e, "low");
        release(e, "high");

        assertThat(ran.subList(1, 4)).as("low ranks at creation + 2 steps, high at creation + 0")
                .containsExactly(low, high, normal);
    }

    @Test
    void a_global_limit_holds_across_workflows() {
        Engine e = engine(LifecycleOptions.builder().globalConcurrency(3).concurrency("batch", 1).build());
        watchRunning(e.runner(), null, 3);
        List<String> names = List.of("a", "b", "c", "d", "e");
        for (String name : names) {
            job(e, name.equals("b") ? "batch" : "job", name, Priority.NORMAL);
        }
        e.settle();
        assertThat(ran).hasSize(3);

        for (String name : names) {
            release(e, name);
        }

        assertThat(e.runner().getWorkflowStats().instancesByStatus()).containsEntry(WorkflowStatus.COMPLETED, 5L);
        assertThat(violations).isEmpty();
        assertThat(mostRunning).hasValue(3);
    }

    @Test
    void a_paused_instance_frees_its_slot() {
        Engine e = engine(LifecycleOptions.builder().concurrency("job", 1).build());
        String first = job(e, "job", "first", Priority.NORMAL);
        String second = job(e, "job", "second", Priority.NORMAL);
        e.settle();
        assertThat(e.status(second)).isEqualTo(WorkflowStatus.PENDING);

        e.runner().pauseWorkflow(first);
        e.settle();

        assertThat(e.status(second)).isEqualTo(WorkflowStatus.RUNNING);
    }

    @Test
    void the_threaded_engine_never_runs_more_than_the_limit() {
        try (WorkflowRunner runner = WorkflowRunner.builder().store(store)
                .options(RunnerOptions.defaults().withNodeId("admission-node").withPollInterval(Duration.ofMillis(200)))
                .build()) {
            AtomicInteger executing = new AtomicInteger();
            runner.registerWorkflow(WorkflowDefinition.define("work", "1", Job.class, b -> b
                    .startWith("one", ctx -> work(executing))
                    .then("two", ctx -> work(executing))));
            watchRunning(runner, "work", 5);
            // the sweep is an hour away: a lost wake-up fails the test instead of hiding behind it
            try (WorkflowLifecycleManager lifecycle = WorkflowLifecycleManager.builder(runner)
                    .options(LifecycleOptions.builder().concurrency("work", 5).sweepInterval(Duration.ofHours(1)).build())
                    .build()) {
                lifecycle.initialize();
                runner.initialize();
                IntStream.range(0, 50).forEach(k -> runner.startWorkflow("work", null));

                await().atMost(Duration.ofSeconds(30)).until(() -> runner.getWorkflowStats().instancesByStatus()
                        .getOrDefault(WorkflowStatus.COMPLETED, 0L) == 50L);
            }
        }
        assertThat(violations).isEmpty();
        assertThat(mostRunning.get()).isBetween(2, 5);
    }

    /** A step that takes a little time (so instances overlap) and checks the store's RUNNING count while it runs. */
    private ExecutionResult work(AtomicInteger executing) {
        executing.incrementAndGet();
        long running = store.lifecycle().runningByWorkflow().getOrDefault("work", 0L);
        if (running > 5) {
            violations.add(running + " RUNNING while a step ran");
        }
        LockSupport.parkNanos(Duration.ofMillis(3).toNanos()); // simulated work, not synchronisation
        executing.decrementAndGet();
        return ExecutionResult.next();
    }
}
