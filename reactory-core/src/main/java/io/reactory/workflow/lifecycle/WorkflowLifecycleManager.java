package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.InstanceNotFoundException;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.execution.LocalWorkflowRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The specification's LifecycleManager: dependencies between workflow instances ("dependency-based execution"),
 * concurrency limits with priorities, resource limits, and cleanup of finished instances.
 *
 * <ul>
 *   <li><b>Dependencies.</b> An instance with dependencies (given to {@link #createInstance}, added with
 *   {@link #addDependency} while it is PENDING, or listed in its workflow's YAML {@code dependencies}) stays PENDING
 *   until each holds. Waiting costs no thread and survives restarts: the instance is parked in the store and woken
 *   when a possible target finishes (or by a slow safety-net sweep). A dependency that can no longer be met fails or
 *   cancels the dependent with reason {@code DEPENDENCY_FAILED}; a wait timeout gives {@code DEPENDENCY_TIMEOUT};
 *   a dependency that would close a cycle is refused when added.</li>
 *   <li><b>Concurrency.</b> With a workflow's {@code concurrency} (YAML or options) or a global limit, a start that
 *   finds no free slot stays PENDING in a queue ordered by priority, aged so low priority is never starved; the
 *   store admits instances atomically, so the limits hold across nodes.</li>
 *   <li><b>Resource limits.</b> A maximum step count and data size per instance (and the workflow timeout) are
 *   checked by the engine after each round and by {@link #enforceResourceLimits}; an instance over one fails with
 *   reason {@code RESOURCE_LIMIT}.</li>
 *   <li><b>Cleanup.</b> Finished instances past their retention are removed with everything kept about them
 *   ({@link #cleanupCompletedWorkflows}), periodically once {@link #initialize() initialized}.</li>
 * </ul>
 *
 * <pre>{@code
 * WorkflowLifecycleManager lifecycle = WorkflowLifecycleManager.builder(runner).configuration(config).build();
 * lifecycle.initialize();
 * String id = lifecycle.createInstance(InstanceRequest.builder("process-results").reference("2026-11-25")
 *         .dependsOn(WorkflowDependency.onWorkflow("data-extraction"), WorkflowDependency.onWorkflow("validation"))
 *         .build());
 * }</pre>
 *
 * Thread-safe.
 */
public interface WorkflowLifecycleManager extends AutoCloseable {

    /** A manager for {@code runner}'s engine and store; only one per runner. */
    static Builder builder(WorkflowRunner runner) {
        return new Builder(runner);
    }

    /** Starts the manager's thread: wake-ups, the safety-net sweep, periodic cleanup and enforcement. Idempotent. */
    void initialize();

    /**
     * Starts an instance with dependencies, priority and reference (the specification's {@code createInstance}).
     *
     * @return the instance id
     * @throws DependencyCycleException when a dependency would close a cycle (nothing is created)
     * @throws LifecycleException       when a dependency names an instance or workflow that does not exist
     * @throws io.reactory.workflow.api.WorkflowNotFoundException as {@link WorkflowRunner#startWorkflow}
     */
    String createInstance(InstanceRequest request);

    /**
     * Asks for a status through the state machine: PAUSED pauses, RUNNING resumes a PAUSED or retries a FAILED
     * instance, CANCELLED cancels, CLEANING_UP removes a finished instance now (whatever the retention).
     *
     * @throws io.reactory.workflow.api.IllegalTransitionException for any other status or transition (PENDING,
     *         COMPLETED and FAILED cannot be asked for)
     * @throws InstanceNotFoundException when there is no such instance
     */
    void updateInstanceStatus(String instanceId, WorkflowStatus status);

    /**
     * Adds a dependency to a PENDING instance; it does not start before the dependency holds.
     *
     * @throws DependencyCycleException  when the dependency would close a cycle
     * @throws LifecycleException        when the instance is not PENDING, or the dependency names nothing that exists
     * @throws InstanceNotFoundException when there is no such instance
     */
    void addDependency(String instanceId, WorkflowDependency dependency);

    /** The dependencies of an instance and where each stands; empty when it has none. */
    List<DependencyStatus> getDependencies(String instanceId);

    /** @throws InstanceNotFoundException when there is no such instance */
    ResourceUsage checkResourceUsage(String instanceId);

    /**
     * Finds RUNNING instances over a resource limit or their workflow timeout and has the engine fail them (it also
     * checks after every round, so this catches limits lowered since an instance last ran).
     *
     * @return how many instances were found over a limit
     */
    int enforceResourceLimits();

    /** Removes finished instances past their retention, and old events; see {@link RetentionOptions}. */
    CleanupResult cleanupCompletedWorkflows();

    LifecycleStats getLifecycleStats();

    void addListener(LifecycleListener listener);

    /**
     * Stops the manager's thread. Does not close the runner, whose instances go on waiting for their dependencies and
     * limits (wake-ups are then handled on the engine's threads).
     */
    @Override
    void close();

    /** Assembles a manager; only the runner is required. */
    final class Builder {
        private final WorkflowRunner runner;
        private LifecycleOptions options = LifecycleOptions.DEFAULT;
        private ConfigurationManager configuration;
        private final List<LifecycleListener> listeners = new ArrayList<>();

        private Builder(WorkflowRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
        }

        public Builder options(LifecycleOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** Workflow configuration to follow: {@code concurrency}, {@code dependencies} and {@code limits}, reloads included. */
        public Builder configuration(ConfigurationManager value) {
            this.configuration = Objects.requireNonNull(value, "configuration");
            return this;
        }

        public Builder listener(LifecycleListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        /**
         * @throws IllegalArgumentException when the runner is not this engine's, or its store keeps no lifecycle data
         * @throws IllegalStateException    when the runner has a LifecycleManager already
         */
        public WorkflowLifecycleManager build() {
            return buildLocal();
        }

        /** The concrete manager, for tests that drive it by hand ({@link LocalLifecycleManager#runDue()}). */
        public LocalLifecycleManager buildLocal() {
            if (!(runner instanceof LocalWorkflowRunner local)) {
                throw new IllegalArgumentException("the LifecycleManager works with the engine's own runner, not "
                        + runner.getClass().getName());
            }
            try {
                runner.store().lifecycle();
            } catch (UnsupportedOperationException e) {
                throw new IllegalArgumentException("the " + runner.store().kind()
                        + " store does not keep lifecycle data, so the LifecycleManager cannot run on it", e);
            }
            LocalLifecycleManager manager = new LocalLifecycleManager(local, options, configuration);
            listeners.forEach(manager::addListener);
            return manager;
        }
    }
}
