package io.reactory.workflow.scheduling;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.resilience.RetryOptions;
import io.reactory.workflow.testing.ManualClock;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A deterministic engine with a scheduler for the scheduling scenarios: a manual clock, the test kit's runner (steps
 * run on the test thread), and a scheduler driven by hand. {@link #advanceTo} jumps the clock from one due time to
 * the next (fire times, checks, workflow wake-ups), doing everything due at each, so hours pass in milliseconds.
 * {@link #stop()} and {@link #start()} simulate an engine restart on the same store.
 */
final class SchedulerHarness implements AutoCloseable {
    final WorkflowStore store;
    final ManualClock clock;
    final List<SchedulerEvent> events = new CopyOnWriteArrayList<>();
    /** Instances of scheduled workflows in flight now, and the most ever in flight at once, per workflow. */
    final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> maxInFlight = new ConcurrentHashMap<>();
    /** How many times each failing workflow still fails before it succeeds. */
    final AtomicInteger flakyFailures = new AtomicInteger();
    private final UnaryOperator<SchedulerOptions> options;
    TestWorkflowEnvironment env;
    LocalWorkflowScheduler scheduler;

    /** Data of the test workflows: what the schedules' properties fill in. */
    public static class ReportData {
        public String reportType;
        public List<String> reportTypes = new ArrayList<>();
        public String outputPath;
        public int steps;
    }

    SchedulerHarness(Instant start) {
        this(new InMemoryWorkflowStore(), new ManualClock(start), o -> o);
    }

    SchedulerHarness(WorkflowStore store, ManualClock clock, UnaryOperator<SchedulerOptions> options) {
        this.store = store;
        this.clock = clock;
        this.options = options;
        start();
    }

    static List<WorkflowDefinition> workflows(SchedulerHarness harness) {
        return List.of(
                WorkflowDefinition.define("report", "1", ReportData.class, b -> b
                        .startWith("render", ctx -> {
                            ctx.data().steps++;
                            return ExecutionResult.next();
                        })),
                WorkflowDefinition.define("slow", "1", ReportData.class, b -> b
                        .startWith("begin", ctx -> ExecutionResult.next())
                        .delay(Duration.ofMinutes(3))
                        .then("end", ctx -> ExecutionResult.next())),
                WorkflowDefinition.define("long", "1", ReportData.class, b -> b
                        .startWith("begin", ctx -> ExecutionResult.next())
                        .delay(Duration.ofHours(1))
                        .then("end", ctx -> ExecutionResult.next())),
                WorkflowDefinition.define("flaky", "1", ReportData.class, b -> b
                        .startWith("call", ctx -> harness.flakyFailures.getAndDecrement() > 0
                                ? ExecutionResult.failNonRetryable("upstream unavailable")
                                : ExecutionResult.next())
                        .retry(RetryOptions.NONE)));
    }

    /** Starts an engine and a scheduler on the store (again, after {@link #stop()}). */
    void start() {
        env = TestWorkflowEnvironment.create(store, clock);
        workflows(this).forEach(env.runner()::registerWorkflow);
        env.runner().addListener(new WorkflowListener() {
            @Override
            public void statusChanged(StatusChange change) {
                if (change.from() == null) {
                    int now = inFlight.computeIfAbsent(change.workflowId(), k -> new AtomicInteger()).incrementAndGet();
                    maxInFlight.computeIfAbsent(change.workflowId(), k -> new AtomicInteger()).accumulateAndGet(now, Math::max);
                } else if (change.to().isFinished()) {
                    inFlight.get(change.workflowId()).decrementAndGet();
                }
            }
        });
        scheduler = WorkflowScheduler.builder(env.runner())
                .options(options.apply(SchedulerOptions.defaults("node-1")))
                .listener(events::add)
                .buildLocal();
    }

    /** Stops the engine and its scheduler, as a shutdown would. */
    void stop() {
        scheduler.close();
        env.close();
    }

    /** Does everything due now, scheduler and engine, until neither has anything left. */
    void settle() {
        for (int i = 0; i < 10_000; i++) {
            int worked = scheduler.runDue();
            env.runUntilIdle();
            if (worked == 0 && scheduler.runDue() == 0) {
                return;
            }
        }
        throw new IllegalStateException("scheduler and engine did not settle");
    }

    /** Moves the clock to {@code target}, stopping at every due time on the way and doing what is due there. */
    void advanceTo(Instant target) {
        settle();
        while (true) {
            Instant next = next();
            if (next == null || next.isAfter(target)) {
                clock.set(target);
                settle();
                return;
            }
            if (next.isAfter(clock.instant())) {
                clock.set(next);
            }
            settle();
        }
    }

    void advance(Duration duration) {
        advanceTo(clock.instant().plus(duration));
    }

    private Instant next() {
        List<Instant> candidates = new ArrayList<>(3);
        store.schedules().nextFireTime().ifPresent(candidates::add);
        store.schedules().nextFireCheck().ifPresent(candidates::add);
        store.instances().nextDue().ifPresent(candidates::add);
        return candidates.stream().min(Comparator.naturalOrder()).orElse(null);
    }

    /** Instances of a workflow, oldest first. */
    List<InstanceInfo> instances(String workflowId) {
        return env.runner().findInstances(new InstanceQuery(null, workflowId, null, null, null, null, 0, 10_000))
                .stream().sorted(Comparator.comparing(InstanceInfo::createdAt).thenComparing(InstanceInfo::instanceId))
                .toList();
    }

    List<InstanceInfo> instances(String workflowId, WorkflowStatus status) {
        return instances(workflowId).stream().filter(i -> i.status() == status).toList();
    }

    <E extends SchedulerEvent> List<E> events(Class<E> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    Optional<Integer> maxInFlight(String workflowId) {
        return Optional.ofNullable(maxInFlight.get(workflowId)).map(AtomicInteger::get);
    }

    @Override
    public void close() {
        stop();
    }
}
