package io.reactory.workflow.execution;

import io.reactory.workflow.api.IdempotencyConflictException;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.InstanceNotFoundException;
import io.reactory.workflow.api.InvalidInputDataException;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.StartInterceptor;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.StepFactory;
import io.reactory.workflow.api.Workflow;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStats;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.DefinitionException;
import io.reactory.workflow.definition.StepKind;
import io.reactory.workflow.definition.StepNode;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.definition.WorkflowRegistry;
import io.reactory.workflow.internal.Ids;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.notification.SystemEvents;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.resilience.CircuitBreakerTransition;
import io.reactory.workflow.resilience.ErrorHandler;
import io.reactory.workflow.resilience.ErrorHandlerOptions;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link WorkflowRunner}: registry, dispatcher and lifecycle operations on one store. Not API —
 * obtain it through {@link WorkflowRunner#builder()}.
 */
public final class LocalWorkflowRunner implements WorkflowRunner {
    private static final Logger log = LoggerFactory.getLogger(LocalWorkflowRunner.class);
    private static final int CONTROL_ATTEMPTS = 3;

    private final WorkflowStore store;
    private final InstanceStore instances;
    private final Clock clock;
    private final RunnerOptions options;
    private final StepFactory stepFactory;
    private final WorkflowRegistry registry = new WorkflowRegistry();
    private final List<WorkflowListener> listeners;
    private final List<StartInterceptor> interceptors = new CopyOnWriteArrayList<>();
    private final ErrorHandler errorHandler;
    private final RoundExecutor rounds;
    private final Dispatcher dispatcher;
    private volatile LifecycleHooks lifecycleHooks;
    private volatile NodeHeartbeat heartbeat;
    private final AtomicBoolean initialized = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final LongAdder started = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder cancelled = new LongAdder();
    private final LongAdder stepsExecuted = new LongAdder();

    public LocalWorkflowRunner(WorkflowStore store, Clock clock, RunnerOptions options, StepFactory stepFactory,
                               Executor stepExecutor, List<WorkflowListener> listeners) {
        this(store, clock, options, stepFactory, stepExecutor, listeners, ErrorHandlerOptions.DEFAULT);
    }

    public LocalWorkflowRunner(WorkflowStore store, Clock clock, RunnerOptions options, StepFactory stepFactory,
                               Executor stepExecutor, List<WorkflowListener> listeners,
                               ErrorHandlerOptions errorHandlerOptions) {
        if (options.lifecycleOutbox()) {
            try {
                store.outbox();
            } catch (UnsupportedOperationException e) {
                // fail now: a store that ignores the commits' outbox messages would drop lifecycle events silently
                throw new IllegalArgumentException("lifecycleOutbox is on but the " + store.kind()
                        + " store has no transactional outbox", e);
            }
        }
        this.store = store;
        this.instances = store.instances();
        this.clock = clock;
        this.options = options;
        this.stepFactory = stepFactory == null ? new ReflectiveStepFactory() : stepFactory;
        this.listeners = new CopyOnWriteArrayList<>(listeners);
        Executor executor = stepExecutor;
        if (executor == null) {
            // Unnamed-counter threads started directly: a counter in the name and the thread-per-task executor's
            // bookkeeping cost more than the step itself on short steps; the dispatcher counts rounds in flight.
            java.util.concurrent.ThreadFactory factory = Thread.ofVirtual().name("reactory-step").factory();
            executor = task -> factory.newThread(task).start();
        }
        this.errorHandler = ErrorHandler.create(errorHandlerOptions, clock, store, this::circuitBreakerTransition);
        this.rounds = new RoundExecutor(clock, this.stepFactory, executor, errorHandler, options.stepLogContext());
        this.dispatcher = new Dispatcher(instances, registry, rounds, executor, clock, options, this::committed);
        store.addWakeListener(dispatcher::wake);
    }

    @Override
    public void initialize() {
        if (closed.get()) {
            throw new IllegalStateException("the runner is closed");
        }
        if (initialized.compareAndSet(false, true)) {
            dispatcher.start();
            store.nodes().ifPresent(nodes -> {
                heartbeat = new NodeHeartbeat(nodes, options.nodeId(), options.leaseDuration().dividedBy(3));
                heartbeat.start();
            });
            log.info("workflow engine {} started on the {} store", options.nodeId(), store.kind());
        }
    }

    /** Runs all due work on the calling thread until none is left (the test kit's deterministic mode). */
    public void runUntilIdle() {
        if (initialized.get()) {
            throw new IllegalStateException("runUntilIdle is for runners that were not initialized (manual mode)");
        }
        dispatcher.runUntilIdle();
    }

    @Override
    public void registerWorkflow(Workflow<?> workflow) {
        registerWorkflow(WorkflowDefinition.of(workflow));
    }

    @Override
    public void registerWorkflow(WorkflowDefinition definition) {
        checkSteps(definition);
        registry.register(definition);
    }

    @Override
    public void replaceWorkflow(WorkflowDefinition definition) {
        checkSteps(definition);
        registry.replace(definition);
    }

    private void checkSteps(WorkflowDefinition definition) {
        for (StepNode node : definition.steps()) {
            if (node.kind() instanceof StepKind.Task task && task.factory() == null) {
                try {
                    stepFactory.create(task.bodyType());
                } catch (RuntimeException e) {
                    throw new DefinitionException(definition.id(), definition.version().text(),
                            "unknown step '" + node.name() + "': " + e.getMessage());
                }
            }
        }
    }

    @Override
    public Collection<WorkflowDefinition> definitions() {
        return registry.all();
    }

    /** The registry of definitions (configuration and the server look definitions up here). */
    public WorkflowRegistry registry() {
        return registry;
    }

    @Override
    public String startWorkflow(String workflowId, String version, Object data, StartOptions startOptions) {
        return startWorkflow(workflowId, version, data, startOptions, null);
    }

    /**
     * Installs the LifecycleManager's hooks (not API: {@code WorkflowLifecycleManager.builder(runner)} does it).
     *
     * @throws IllegalStateException when hooks are installed already
     */
    public void lifecycleHooks(LifecycleHooks hooks) {
        if (lifecycleHooks != null) {
            throw new IllegalStateException("this runner has a LifecycleManager already");
        }
        lifecycleHooks = java.util.Objects.requireNonNull(hooks, "hooks");
        rounds.hooks(hooks);
    }

    /**
     * Starts an instance as {@link #startWorkflow(String, String, Object, StartOptions)} does, handing
     * {@code lifecycleContext} to the LifecycleManager's hooks (not API: its {@code createInstance} uses it).
     */
    public String startWorkflow(String workflowId, String version, Object data, StartOptions startOptions,
                                Object lifecycleContext) {
        StartInterceptor.StartRequest request = new StartInterceptor.StartRequest(registry.get(workflowId, version),
                data, startOptions == null ? StartOptions.DEFAULT : startOptions);
        for (StartInterceptor interceptor : interceptors) {
            request = interceptor.beforeStart(request);
        }
        WorkflowDefinition definition = request.definition();
        StartOptions opts = request.options();
        Object typed = toDataType(request.data(), definition.dataType());
        Instant now = clock.instant();
        WorkflowInstance instance = new WorkflowInstance();
        instance.id = Ids.newId(now.toEpochMilli());
        instance.workflowId = definition.id();
        instance.version = definition.version().text();
        instance.status = WorkflowStatus.PENDING;
        instance.data = Payload.of(typed);
        instance.createdAt = now;
        instance.nextExecution = opts.startAt() == null || opts.startAt().isBefore(now) ? now : opts.startAt();
        instance.reference = opts.reference();
        instance.namespace = opts.namespace();
        instance.priority = opts.priority();
        instance.metadata = opts.metadata();
        instance.idempotencyKey = opts.idempotencyKey();
        StatusChange created = new StatusChange(instance.id, instance.workflowId, instance.version,
                instance.namespace, null, WorkflowStatus.PENDING, now, null, null);
        LifecycleHooks hooks = lifecycleHooks;
        if (hooks != null) {
            hooks.beforeCreate(instance, lifecycleContext);
        }
        List<OutboxMessage> outbox = options.lifecycleOutbox()
                ? List.of(SystemEvents.lifecycle(created, instance.reference)) : List.of();
        boolean eager = runsAtOnce(instance, now) && dispatcher.reserveEagerStart();
        String id;
        try {
            id = eager ? instances.createLeased(instance, outbox, new InstanceStore.Lease(options.nodeId(),
                    options.leaseDuration(), now)) : instances.create(instance, outbox);
        } catch (RuntimeException | Error e) {
            if (eager) {
                dispatcher.unreserve();
            }
            throw e;
        }
        boolean adopt = eager && id.equals(instance.id) && options.nodeId().equals(instance.leaseOwner);
        if (eager && !adopt) {
            dispatcher.unreserve();
        }
        if (hooks != null && !id.equals(instance.id)) {
            hooks.notCreated(instance, id);
        }
        if (id.equals(instance.id)) {
            started.increment();
            fire(created);
            if (adopt) {
                dispatcher.adopt(instance);
            } else {
                dispatcher.wake();
            }
        } else {
            refuseForeignInstance(id, definition.id());
        }
        return id;
    }

    /** A new instance this engine may run without claiming it (eager start): due now and not waiting for a gate. */
    private static boolean runsAtOnce(WorkflowInstance instance, Instant now) {
        return instance.status == WorkflowStatus.PENDING && !instance.gated && instance.nextExecution != null
                && !instance.nextExecution.isAfter(now);
    }

    /** An idempotency key returned an existing instance: it must be one of the requested workflow. */
    private void refuseForeignInstance(String existingId, String workflowId) {
        Optional<WorkflowInstance> existing = instances.find(existingId);
        if (existing.isPresent() && !existing.get().workflowId.equals(workflowId)) {
            throw new IdempotencyConflictException(workflowId, existingId, existing.get().workflowId);
        }
    }

    private static Object toDataType(Object data, Class<?> type) {
        if (data == null) {
            data = Map.of();
        }
        try {
            return Json.convert(data, type);
        } catch (IllegalArgumentException e) {
            // type and field path only: Jackson's message (and so the cause) quotes the input values
            throw new InvalidInputDataException(type.getSimpleName(), Json.fieldPath(e));
        }
    }

    @Override
    public void pauseWorkflow(String instanceId) {
        control(instanceId, Signal.Kind.PAUSE);
    }

    @Override
    public void resumeWorkflow(String instanceId) {
        control(instanceId, Signal.Kind.RESUME);
    }

    @Override
    public void cancelWorkflow(String instanceId) {
        control(instanceId, Signal.Kind.CANCEL);
    }

    @Override
    public void retryWorkflow(String instanceId) {
        control(instanceId, Signal.Kind.RETRY);
    }

    /**
     * Validates a lifecycle request against the instance's effective status (its stored status with the requests
     * already queued for it applied), then applies it at once when no engine holds the instance, or queues it as a
     * signal for the holder's next step boundary.
     */
    private void control(String instanceId, Signal.Kind kind) {
        for (int attempt = 0; attempt < CONTROL_ATTEMPTS; attempt++) {
            WorkflowInstance current = instances.find(instanceId).orElseThrow(() -> new InstanceNotFoundException(instanceId));
            ControlRules.check(current, instances.pendingSignals(instanceId), kind);
            Optional<WorkflowDefinition> definition = registry.find(current.workflowId, current.version);
            Optional<InstanceStore.Claim> claim = definition.isEmpty() ? Optional.empty()
                    : instances.claimById(instanceId, options.nodeId(), options.leaseDuration(), clock.instant());
            if (claim.isEmpty()) {
                instances.addSignal(instanceId, kind, clock.instant());
                dispatcher.wake();
                return;
            }
            WorkflowInstance held = claim.get().instance();
            Round committed = null;
            try {
                committed = applyHeld(held, claim.get().signals(), definition.get(), kind);
            } finally {
                if (committed == null) {
                    // Refused, failed or lost between claim and commit: a lease kept to its expiry would hold the
                    // engine and the next request off the instance for that long.
                    release(held);
                }
            }
            if (committed != null) {
                committed(committed);
                dispatcher.wake();
                return;
            }
        }
        instances.addSignal(instanceId, kind, clock.instant());
        dispatcher.wake();
    }

    /**
     * Moves a finished instance (COMPLETED, FAILED or CANCELLED) to CLEANING_UP, after which the caller removes it
     * (not API: the LifecycleManager's cleanup). The instance is claimed first, so two nodes cleaning up at once never
     * both take it.
     *
     * @return true when the instance is CLEANING_UP now (or was already) and this node held it while checking; false
     *         when it is gone, held by someone else, or not finished
     */
    public boolean beginCleanup(String instanceId) {
        return CleanupTransition.begin(instanceId, instances, registry, clock, options, this::committed);
    }

    /**
     * Applies a lifecycle request to an instance this node just claimed and commits it, giving the lease back.
     *
     * @return the committed round, or null when the lease was lost before the commit
     */
    private Round applyHeld(WorkflowInstance held, List<Signal> queued, WorkflowDefinition definition, Signal.Kind kind) {
        ControlRules.check(held, queued, kind);
        Round round = rounds.control(held, definition, queued, kind);
        if (options.lifecycleOutbox()) {
            round.prepareOutbox();
        }
        List<InstanceStore.CommitResult> results = instances.commit(List.of(
                new InstanceStore.InstanceCommit(held, true, round.consumedSignals, round.subscriptionsChanged,
                        round.errors()).withOutbox(round.outbox)));
        return results.get(0).committed() ? round : null;
    }

    /** Gives back a lease this node took for a control operation; never hides the failure that made it give up. */
    private void release(WorkflowInstance held) {
        try {
            instances.renewLeases(options.nodeId(), Map.of(held.id, held.leaseEpoch), java.time.Duration.ZERO,
                    clock.instant());
        } catch (RuntimeException e) {
            log.warn("could not give back the lease of instance {}; it expires after {}: {}", held.id,
                    options.leaseDuration(), e.toString());
        }
    }

    @Override
    public WorkflowStatus getWorkflowStatus(String instanceId) {
        return instances.find(instanceId).orElseThrow(() -> new InstanceNotFoundException(instanceId)).status;
    }

    @Override
    public InstanceInfo getInstance(String instanceId) {
        WorkflowInstance instance = instances.find(instanceId).orElseThrow(() -> new InstanceNotFoundException(instanceId));
        return InstanceViews.toInfo(instance, registry);
    }

    @Override
    public List<InstanceInfo> findInstances(InstanceQuery query) {
        return instances.find(query).stream().map(i -> InstanceViews.toInfo(i, registry)).toList();
    }

    @Override
    public WorkflowStats getWorkflowStats() {
        return new WorkflowStats(instances.countByStatus(), started.sum(), completed.sum(), failed.sum(),
                cancelled.sum(), stepsExecuted.sum(), dispatcher.inFlight(), registry.size());
    }

    @Override
    public String publishEvent(String eventName, String eventKey, Object data) {
        if (eventName == null || eventName.isBlank()) {
            throw new IllegalArgumentException("eventName must not be blank");
        }
        if (eventKey == null) {
            throw new IllegalArgumentException("eventKey must not be null");
        }
        String id = store.events().publish(eventName, eventKey, Payload.of(data), clock.instant()).id();
        dispatcher.wake();
        return id;
    }

    @Override
    public void addListener(WorkflowListener listener) {
        listeners.add(listener);
    }

    @Override
    public void addStartInterceptor(StartInterceptor interceptor) {
        interceptors.add(interceptor);
    }

    @Override
    public WorkflowStore store() {
        return store;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    public RunnerOptions options() {
        return options;
    }

    /**
     * Whether the engine works: initialized and its loop thread alive, or not initialized (manual mode) and not
     * closed. False once closed. For liveness checks.
     */
    public boolean isRunning() {
        return !closed.get() && (!initialized.get() || dispatcher.alive());
    }

    /** Whether {@link #initialize()} was called (and {@link #close()} not yet). */
    public boolean isInitialized() {
        return initialized.get() && !closed.get();
    }

    @Override
    public ErrorHandler errorHandler() {
        return errorHandler;
    }

    private void circuitBreakerTransition(CircuitBreakerTransition transition) {
        log.info("circuit breaker '{}' went from {} to {}", transition.dependency(), transition.from(), transition.to());
        for (WorkflowListener l : listeners) {
            safely(() -> l.circuitBreakerTransition(transition));
        }
    }

    private void committed(Round round) {
        for (Round.StepRecord step : round.steps) {
            if (step.retryIn() != null) {
                for (WorkflowListener l : listeners) {
                    safely(() -> l.stepRetryScheduled(round.instance.workflowId, step.stepName(), step.attempt(), step.retryIn()));
                }
            } else {
                stepsExecuted.increment();
                for (WorkflowListener l : listeners) {
                    safely(() -> l.stepFinished(round.instance.workflowId, step.stepName(), step.took(), step.succeeded(),
                            step.errorType()));
                }
            }
        }
        for (ErrorRecord error : round.errors()) {
            LogContext.failure(log, error);
            for (WorkflowListener l : listeners) {
                safely(() -> l.errorRecorded(error));
            }
        }
        for (StatusChange change : round.statusChanges) {
            switch (change.to()) {
                case COMPLETED -> completed.increment();
                case FAILED -> {
                    failed.increment();
                    try (LogContext ignored = LogContext.instance(change.instanceId(), change.workflowId(), change.version())) {
                        log.info("instance {} of workflow {} v{} failed: {}", change.instanceId(), change.workflowId(),
                                change.version(), change.failureReason());
                    }
                }
                case CANCELLED -> cancelled.increment();
                default -> {
                }
            }
            fire(change);
        }
    }

    private void fire(StatusChange change) {
        for (WorkflowListener l : listeners) {
            safely(() -> l.statusChanged(change));
        }
    }

    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("a workflow listener failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            dispatcher.close();
            NodeHeartbeat beating = heartbeat;
            if (beating != null) {
                beating.close();
            }
        }
    }
}
