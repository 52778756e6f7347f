package io.reactory.workflow.lifecycle;

import io.reactory.workflow.execution.LocalWorkflowRunner;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.LifecycleStore;
import io.reactory.workflow.persistence.WorkflowStore;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the LifecycleManager's parts share. Thread-safe: the limits are an immutable snapshot, replaced whole. */
final class LifecycleContext {
    private static final Logger log = LoggerFactory.getLogger(LifecycleContext.class);

    final LocalWorkflowRunner runner;
    final WorkflowStore store;
    final InstanceStore instances;
    final LifecycleStore lifecycle;
    final Clock clock;
    final LifecycleOptions options;
    final DependencyEvaluator evaluator;
    /** Workflows that waiting instances depend on: a finished instance of one of them wakes its dependents. */
    final Set<String> targetWorkflows = ConcurrentHashMap.newKeySet();
    final List<LifecycleListener> listeners = new CopyOnWriteArrayList<>();
    volatile Limits limits;

    LifecycleContext(LocalWorkflowRunner runner, LifecycleOptions options, Limits limits) {
        this.runner = runner;
        this.store = runner.store();
        this.instances = store.instances();
        this.lifecycle = store.lifecycle();
        this.clock = runner.clock();
        this.options = options;
        this.evaluator = new DependencyEvaluator(instances);
        this.limits = limits;
    }

    String nodeId() {
        return runner.options().nodeId();
    }

    void report(Consumer<LifecycleListener> call) {
        for (LifecycleListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("a lifecycle listener failed: {}", e.toString());
            }
        }
    }
}
