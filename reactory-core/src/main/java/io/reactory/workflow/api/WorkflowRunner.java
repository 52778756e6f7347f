package io.reactory.workflow.api;

import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.execution.LocalWorkflowRunner;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.resilience.ErrorHandler;
import io.reactory.workflow.resilience.ErrorHandlerOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The single point of entry for workflow operations (the specification's {@code WorkflowRunner}): registers
 * definitions, starts, pauses, resumes and cancels instances, delivers events, and reports status. Thread-safe.
 *
 * <pre>{@code
 * try (WorkflowRunner runner = WorkflowRunner.builder().store(store).build()) {
 *     runner.registerWorkflow(new OrderWorkflow());
 *     runner.initialize();
 *     String id = runner.startWorkflow("order", "1", new Order("A-1"));
 *     runner.publishEvent("payment-received", "A-1", Map.of("amount", 42));
 * }
 * }</pre>
 */
public interface WorkflowRunner extends AutoCloseable {

    static Builder builder() {
        return new Builder();
    }

    /** Starts the engine threads: claiming, running and committing instances. Idempotent. */
    void initialize();

    /**
     * Registers a Java workflow under its (id, version).
     *
     * @throws io.reactory.workflow.definition.DefinitionException when the definition is invalid, a step class cannot
     *         be created, or that (id, version) is already registered with a different definition
     */
    void registerWorkflow(Workflow<?> workflow);

    /** Registers a definition built elsewhere (for example from YAML). */
    void registerWorkflow(WorkflowDefinition definition);

    /**
     * Replaces the registered definition of the same (id, version), for example with workflow options from
     * configuration. Instances of that version see the new definition from their next step on, so only options and
     * functions may change, never the steps (the configuration manager enforces this).
     *
     * @throws io.reactory.workflow.definition.DefinitionException when a step class cannot be created
     * @throws UnsupportedOperationException when this runner cannot replace definitions
     */
    default void replaceWorkflow(WorkflowDefinition definition) {
        throw new UnsupportedOperationException("this runner cannot replace definitions");
    }

    /** Registered definitions, every version. */
    Collection<WorkflowDefinition> definitions();

    /**
     * Starts an instance.
     *
     * @param version the version to run, or null for the latest registered
     * @param data    the input data: an instance of the workflow's data type, something convertible to it (a map), or
     *                null for empty data
     * @return the new instance's id
     * @throws WorkflowNotFoundException  when no such workflow (version) is registered
     * @throws WorkflowDisabledException  when its configuration disables it
     * @throws IllegalArgumentException   when the data cannot be converted to the workflow's data type
     */
    default String startWorkflow(String workflowId, String version, Object data) {
        return startWorkflow(workflowId, version, data, StartOptions.DEFAULT);
    }

    /** Starts the latest version. */
    default String startWorkflow(String workflowId, Object data) {
        return startWorkflow(workflowId, null, data, StartOptions.DEFAULT);
    }

    /**
     * Starts an instance with priority, reference, metadata, idempotency key or namespace. A key already used
     * returns that instance's id and starts nothing, when that instance is of the same workflow.
     *
     * @throws IdempotencyConflictException when the idempotency key belongs to an instance of another workflow
     */
    String startWorkflow(String workflowId, String version, Object data, StartOptions options);

    /**
     * Pauses a RUNNING instance; a step that is executing finishes first and no further step starts. A PENDING
     * instance is started and paused before its first step (PENDING → RUNNING → PAUSED), so a pause right after a
     * start is never refused.
     *
     * @throws InstanceNotFoundException   when there is no such instance
     * @throws IllegalTransitionException  when it is neither PENDING nor RUNNING
     */
    void pauseWorkflow(String instanceId);

    /** Resumes a PAUSED instance where it stopped. */
    void resumeWorkflow(String instanceId);

    /** Cancels a PENDING, RUNNING or PAUSED instance at the next step boundary; no further step runs. */
    void cancelWorkflow(String instanceId);

    /** Takes a FAILED instance back to RUNNING from the failed step, keeping the data of the steps that succeeded. */
    void retryWorkflow(String instanceId);

    /** @throws InstanceNotFoundException when there is no such instance */
    WorkflowStatus getWorkflowStatus(String instanceId);

    /** @throws InstanceNotFoundException when there is no such instance */
    InstanceInfo getInstance(String instanceId);

    /** Instances matching the query, newest first. */
    List<InstanceInfo> findInstances(InstanceQuery query);

    WorkflowStats getWorkflowStats();

    /**
     * Publishes an event. Every instance waiting for {@code eventName} with {@code eventKey} receives it, and so does
     * an instance that reaches such a {@code waitFor} later (if it was started before the event was published).
     *
     * @return the event id
     */
    String publishEvent(String eventName, String eventKey, Object data);

    void addListener(WorkflowListener listener);

    /** Adds a hook that sees (and may change or refuse) every start; runs after those added before it. */
    void addStartInterceptor(StartInterceptor interceptor);

    WorkflowStore store();

    /**
     * The ErrorHandler: error classification, the circuit breakers of external dependencies (states, options,
     * reset), the error records of an instance and aggregated error figures.
     */
    ErrorHandler errorHandler();

    Clock clock();

    /** Stops claiming, lets running steps finish (up to the shutdown timeout), commits them and releases the rest. */
    @Override
    void close();

    /** Assembles a runner; only the store is usually set (the default is an in-memory store). */
    final class Builder {
        private WorkflowStore store;
        private Clock clock = Clock.systemUTC();
        private RunnerOptions options;
        private StepFactory stepFactory;
        private Executor stepExecutor;
        private ErrorHandlerOptions errorHandler = ErrorHandlerOptions.DEFAULT;
        private final List<WorkflowListener> listeners = new ArrayList<>();
        private final List<Workflow<?>> workflows = new ArrayList<>();

        private Builder() {}

        public Builder store(WorkflowStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder options(RunnerOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        public Builder stepFactory(StepFactory value) {
            this.stepFactory = Objects.requireNonNull(value, "stepFactory");
            return this;
        }

        /** Where step bodies run; default one virtual thread per step. Tests pass {@code Runnable::run}. */
        public Builder stepExecutor(Executor value) {
            this.stepExecutor = Objects.requireNonNull(value, "stepExecutor");
            return this;
        }

        /** Error classifiers and circuit breaker options (default: none, and {@code CircuitBreakerOptions.DEFAULT}). */
        public Builder errorHandler(ErrorHandlerOptions value) {
            this.errorHandler = Objects.requireNonNull(value, "errorHandler");
            return this;
        }

        public Builder listener(WorkflowListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        public Builder workflow(Workflow<?> value) {
            workflows.add(Objects.requireNonNull(value, "workflow"));
            return this;
        }

        public WorkflowRunner build() {
            LocalWorkflowRunner runner = new LocalWorkflowRunner(
                    store == null ? new InMemoryWorkflowStore() : store,
                    clock,
                    options == null ? RunnerOptions.defaults() : options,
                    stepFactory,
                    stepExecutor,
                    listeners,
                    errorHandler);
            workflows.forEach(runner::registerWorkflow);
            return runner;
        }
    }
}
