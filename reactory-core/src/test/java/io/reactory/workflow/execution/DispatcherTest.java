package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.definition.WorkflowRegistry;
import io.reactory.workflow.lifecycle.ResourceLimits;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.LifecycleStore.Admission;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.resilience.ErrorHandler;
import io.reactory.workflow.resilience.ErrorHandlerOptions;
import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The engine loop on its own: leases that expire under a running round, failures of listeners and stores, rounds
 * that throw half-way. Rounds run on the test's thread (a direct executor) or on a queue the test drains.
 */
class DispatcherTest {
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final ManualClock clock = ManualClock.startingAt2026();
    private final InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    private final FlakyInstanceStore instances = new FlakyInstanceStore(store.instances());
    private final WorkflowRegistry registry = new WorkflowRegistry();
    private final RunnerOptions options = RunnerOptions.defaults().withNodeId("node-1").withLeaseDuration(LEASE);
    private final RoundExecutor rounds = new RoundExecutor(clock, new ReflectiveStepFactory(), Runnable::run,
            ErrorHandler.create(ErrorHandlerOptions.DEFAULT, clock, store, t -> {}), false);
    /** Rounds submitted to the queued executor and not run yet. */
    private final Deque<Runnable> queued = new ArrayDeque<>();
    private final List<Round> committed = new CopyOnWriteArrayList<>();
    private final AtomicInteger stepRuns = new AtomicInteger();
    private volatile Dispatcher.RoundListener listener = committed::add;
    private final AtomicInteger ids = new AtomicInteger();
    private Dispatcher dispatcher;

    DispatcherTest() {
        registry.register(WorkflowDefinition.define("two-steps", "1", TestData.class, b -> b
                .startWith("first", ctx -> {
                    stepRuns.incrementAndGet();
                    ctx.data().trace.add("first");
                    return ExecutionResult.next();
                })
                .then("second", ctx -> {
                    stepRuns.incrementAndGet();
                    ctx.data().trace.add("second");
                    return ExecutionResult.next();
                })));
    }

    @AfterEach
    void close() {
        if (dispatcher != null) {
            dispatcher.close();
        }
    }

    private Dispatcher dispatcher(Executor workers) {
        dispatcher = new Dispatcher(instances, registry, rounds, workers, clock, options, r -> listener.committed(r));
        return dispatcher;
    }

    private String create() {
        WorkflowInstance instance = new WorkflowInstance();
        instance.id = "i-" + ids.incrementAndGet();
        instance.workflowId = "two-steps";
        instance.version = "1";
        instance.data = Payload.of(new TestData());
        instance.createdAt = clock.instant();
        instance.nextExecution = clock.instant();
        return instances.create(instance);
    }

    private WorkflowInstance stored(String id) {
        return instances.find(id).orElseThrow();
    }

    @Test
    void a_round_that_outlives_its_lease_is_not_run_twice_at_once_and_the_next_round_follows_it() {
        Dispatcher d = dispatcher(queued::add);
        String id = create();
        d.tickOnce();
        assertThat(queued).hasSize(1);

        // No renewal for longer than the lease: the store hands the instance out again, to this node.
        clock.advance(LEASE.plusSeconds(1));
        d.tickOnce();
        assertThat(queued).as("no second round while the first still runs").hasSize(1);
        assertThat(d.inFlight()).isEqualTo(1);

        queued.poll().run(); // the stale round: its commit is refused (its epoch is old)
        d.tickOnce();
        assertThat(committed).isEmpty();
        assertThat(stored(id).status).isEqualTo(WorkflowStatus.PENDING);
        assertThat(queued).as("the newer lease's round starts once the stale one ended").hasSize(1);

        while (!queued.isEmpty()) {
            queued.poll().run();
            d.tickOnce();
        }
        WorkflowInstance done = stored(id);
        assertThat(done.status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(stepRuns).as("the stale round's step, then both steps once").hasValue(3);
        assertThat(committed).as("rounds committed: the newer lease's two").hasSize(2);
        assertThat(d.inFlight()).isZero();
        assertThat(done.leaseOwner).as("the lease was given back").isNull();
    }

    /** An Error nothing expects (a listener's or a store's bug): it must not take the engine loop with it. */
    static final class UnexpectedError extends Error {
        UnexpectedError() {
            super("simulated");
        }
    }

    @Test
    void an_error_in_the_listener_loses_nothing_of_the_batch_it_came_in() {
        Dispatcher d = dispatcher(Runnable::run);
        String a = create();
        String b = create();
        AtomicInteger calls = new AtomicInteger();
        listener = round -> {
            committed.add(round);
            if (calls.getAndIncrement() == 0) {
                throw new UnexpectedError();
            }
        };

        assertThatCode(d::runUntilIdle).doesNotThrowAnyException();

        assertThat(stored(a).status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(stored(b).status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(committed).as("every round reached the listener, the failing one's successors too").hasSize(4);
        assertThat(d.inFlight()).isZero();
    }

    @Test
    void the_loop_thread_survives_an_error_and_goes_on() {
        Dispatcher d = dispatcher(Runnable::run);
        instances.claimFailure = new UnexpectedError();
        String id = create();
        d.start();

        await().atMost(Duration.ofSeconds(10)).until(() -> stored(id).status == WorkflowStatus.COMPLETED);
        assertThat(instances.failedClaims).hasValue(1);
        assertThat(d.alive()).isTrue();
    }

    @Test
    void the_loop_thread_ends_on_a_fatal_error_so_health_checks_see_it() {
        Dispatcher d = dispatcher(Runnable::run);
        instances.claimFailure = new InternalError("simulated"); // a VirtualMachineError, as out of memory is
        create();
        d.start();

        // the loop rethrows it, so it reaches the thread's uncaught-exception handler, not this test
        await().dontCatchUncaughtExceptions().atMost(Duration.ofSeconds(10)).until(() -> !d.alive());
    }

    @Test
    void a_round_that_threw_half_way_commits_the_state_it_began_with_one_minute_later() {
        Dispatcher d = dispatcher(Runnable::run);
        ThrowingLimits hooks = new ThrowingLimits();
        rounds.hooks(hooks);
        String id = create();
        Instant claimedAt = clock.instant();

        d.runUntilIdle(); // the round starts the instance, then the hook throws

        WorkflowInstance after = stored(id);
        assertThat(after.status).as("not the half-done RUNNING").isEqualTo(WorkflowStatus.PENDING);
        assertThat(after.pointers).isEmpty();
        assertThat(after.startedAt).isNull();
        assertThat(after.nextExecution).isEqualTo(claimedAt.plus(Duration.ofMinutes(1)));
        assertThat(store.instances().countByStatus()).containsExactly(Map.entry(WorkflowStatus.PENDING, 1L));
        assertThat(d.inFlight()).isZero();

        hooks.failing = false;
        clock.advance(Duration.ofMinutes(1));
        d.runUntilIdle();
        assertThat(stored(id).status).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(stored(id).data.as(TestData.class).trace).containsExactly("first", "second");
    }

    /** LifecycleHooks whose {@link #limits} throws (a bug), which the round calls after it started the instance. */
    private static final class ThrowingLimits implements LifecycleHooks {
        volatile boolean failing = true;

        @Override
        public void beforeCreate(WorkflowInstance instance, Object context) {}

        @Override
        public void notCreated(WorkflowInstance instance, String existingId) {}

        @Override
        public boolean gates(WorkflowInstance instance) {
            return false;
        }

        @Override
        public StartDecision decide(WorkflowInstance instance, Instant now) {
            return new StartDecision.Proceed(false);
        }

        @Override
        public Admission admit(InstanceStore.InstanceCommit started, Instant now) {
            throw new UnsupportedOperationException("no admission in this test");
        }

        @Override
        public ResourceLimits limits(String workflowId) {
            if (failing) {
                throw new IllegalStateException("limits bug");
            }
            return null;
        }
    }

    /** The in-memory store, with claims that fail when a test says so. */
    private static final class FlakyInstanceStore implements InstanceStore {
        private final InstanceStore delegate;
        volatile Throwable claimFailure;
        final AtomicInteger failedClaims = new AtomicInteger();

        FlakyInstanceStore(InstanceStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Claim> claim(ClaimRequest request) {
            Throwable failure = claimFailure;
            if (failure != null) {
                failedClaims.incrementAndGet();
                if (!(failure instanceof VirtualMachineError)) {
                    claimFailure = null; // once; a fatal one every time
                }
                throw sneaky(failure);
            }
            return delegate.claim(request);
        }

        @SuppressWarnings("unchecked")
        private static <T extends Throwable> RuntimeException sneaky(Throwable t) throws T {
            throw (T) t;
        }

        @Override
        public String create(WorkflowInstance instance) {
            return delegate.create(instance);
        }

        @Override
        public String create(WorkflowInstance instance, List<OutboxMessage> outbox) {
            return delegate.create(instance, outbox);
        }

        @Override
        public Optional<WorkflowInstance> find(String instanceId) {
            return delegate.find(instanceId);
        }

        @Override
        public List<WorkflowInstance> find(InstanceQuery query) {
            return delegate.find(query);
        }

        @Override
        public Map<WorkflowStatus, Long> countByStatus() {
            return delegate.countByStatus();
        }

        @Override
        public Optional<Claim> claimById(String instanceId, String owner, Duration lease, Instant now) {
            return delegate.claimById(instanceId, owner, lease, now);
        }

        @Override
        public List<CommitResult> commit(List<InstanceCommit> commits) {
            return delegate.commit(commits);
        }

        @Override
        public Set<String> renewLeases(String owner, Map<String, Long> epochs, Duration lease, Instant now) {
            return delegate.renewLeases(owner, epochs, lease, now);
        }

        @Override
        public List<Signal> pendingSignals(String instanceId) {
            return delegate.pendingSignals(instanceId);
        }

        @Override
        public Signal addSignal(String instanceId, Signal.Kind kind, Instant at) {
            return delegate.addSignal(instanceId, kind, at);
        }

        @Override
        public Optional<Instant> nextDue() {
            return delegate.nextDue();
        }

        @Override
        public OptionalLong countRunnable(Instant now) {
            return delegate.countRunnable(now);
        }

        @Override
        public int delete(Set<String> instanceIds) {
            return delegate.delete(instanceIds);
        }
    }
}
