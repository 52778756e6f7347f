package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.persistence.DependencyRecord;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns the dependencies a caller asks for into stored records (checking that what they name exists) and refuses
 * those that would close a cycle. A cycle is searched through the instances that wait: a dependency leads to the
 * PENDING instances it may be decided by and on to their dependencies; where no such instance exists yet, to the
 * dependencies the target workflow's configuration will give it. Reaching the new dependent again is a cycle.
 */
final class Dependencies {
    private static final int MAX_NODES = 10_000;
    private static final int MAX_WAITERS = 100;

    private final LifecycleContext ctx;

    Dependencies(LifecycleContext ctx) {
        this.ctx = ctx;
    }

    /** The records for {@code dependent}, one per target (the first one asked for wins). */
    List<DependencyRecord> resolve(WorkflowInstance dependent, List<WorkflowDependency> asked, Duration timeout,
                                   UnmetDependencyPolicy policy, Instant now) {
        Map<String, DependencyRecord> records = new LinkedHashMap<>();
        for (WorkflowDependency d : asked) {
            DependencyRecord record = resolve(dependent, d, timeout, policy, now);
            records.putIfAbsent(record.targetKey(), record);
        }
        return List.copyOf(records.values());
    }

    private DependencyRecord resolve(WorkflowInstance dependent, WorkflowDependency d, Duration timeout,
                                     UnmetDependencyPolicy policy, Instant now) {
        Instant until = timeout == null ? null : now.plus(timeout);
        if (d.instanceId() != null) {
            WorkflowInstance target = ctx.instances.find(d.instanceId()).orElseThrow(() -> new LifecycleException(
                    dependent.id, describe(dependent) + " cannot depend on instance " + d.instanceId()
                            + ": there is no such instance"));
            return new DependencyRecord(dependent.id, target.id, target.workflowId, null, d.condition(), policy, until,
                    now, null);
        }
        if (ctx.runner.registry().find(d.workflowId(), null).isEmpty()) {
            throw new LifecycleException(dependent.id, describe(dependent) + " cannot depend on workflow '"
                    + d.workflowId() + "': no such workflow is registered");
        }
        String key = d.anyReference() ? null : d.correlationKey() != null ? d.correlationKey() : dependent.reference;
        return new DependencyRecord(dependent.id, null, d.workflowId(), key, d.condition(), policy, until, now, null);
    }

    /** @throws DependencyCycleException when one of {@code added} leads back to {@code dependent} */
    void checkCycles(WorkflowInstance dependent, List<DependencyRecord> added) {
        Search search = new Search(dependent);
        search.path.add(describe(dependent));
        for (DependencyRecord d : added) {
            search.follow(d);
        }
    }

    /** How an instance is named in messages: its workflow and reference (or id); never its data. */
    static String describe(WorkflowInstance i) {
        return i.workflowId + (i.reference != null ? " [reference " + i.reference + "]" : " (instance " + i.id + ")");
    }

    private final class Search {
        final WorkflowInstance dependent;
        final List<String> path = new ArrayList<>();
        final Set<String> visited = new HashSet<>();

        Search(WorkflowInstance dependent) {
            this.dependent = dependent;
        }

        void follow(DependencyRecord d) {
            if (leadsBack(d)) {
                List<String> cycle = new ArrayList<>(path);
                cycle.add(describe(dependent));
                throw new DependencyCycleException(dependent.id, cycle);
            }
            if (visited.size() > MAX_NODES) {
                return;
            }
            for (Waiter w : waiters(d)) {
                if (visited.add(w.key())) {
                    path.add(w.label());
                    for (DependencyRecord next : w.dependencies()) {
                        follow(next);
                    }
                    path.remove(path.size() - 1);
                }
            }
        }

        private boolean leadsBack(DependencyRecord d) {
            if (d.targetInstanceId() != null) {
                return d.targetInstanceId().equals(dependent.id);
            }
            return d.targetWorkflowId().equals(dependent.workflowId)
                    && (d.correlationKey() == null || d.correlationKey().equals(dependent.reference));
        }
    }

    /** Something that may wait: a PENDING instance, or the instance of a workflow that does not exist yet. */
    private record Waiter(String key, String label, List<DependencyRecord> dependencies) {}

    private List<Waiter> waiters(DependencyRecord d) {
        List<Waiter> out = new ArrayList<>();
        if (d.targetInstanceId() != null) {
            ctx.instances.find(d.targetInstanceId()).filter(i -> i.status == WorkflowStatus.PENDING)
                    .ifPresent(i -> out.add(waiter(i)));
            return out;
        }
        List<WorkflowInstance> pending = ctx.instances.find(new InstanceQuery(Set.of(WorkflowStatus.PENDING),
                d.targetWorkflowId(), d.correlationKey(), null, null, null, 0, MAX_WAITERS));
        for (WorkflowInstance i : pending) {
            out.add(waiter(i));
        }
        if (pending.isEmpty()) {
            List<WorkflowConfig.Dependency> configured = ctx.limits.configuredDependencies(d.targetWorkflowId());
            if (!configured.isEmpty()) {
                List<DependencyRecord> future = new ArrayList<>();
                for (WorkflowConfig.Dependency c : configured) {
                    WorkflowDependency w = WorkflowDependency.of(c);
                    future.add(new DependencyRecord("(" + d.targetWorkflowId() + ")", null, w.workflowId(),
                            w.anyReference() ? null : d.correlationKey(), w.condition(), UnmetDependencyPolicy.FAIL,
                            null, Instant.EPOCH, null));
                }
                out.add(new Waiter("w:" + d.targetWorkflowId() + ":" + d.correlationKey(), d.targetWorkflowId()
                        + (d.correlationKey() == null ? "" : " [reference " + d.correlationKey() + "]"), future));
            }
        }
        return out;
    }

    private Waiter waiter(WorkflowInstance i) {
        List<DependencyRecord> open = ctx.lifecycle.dependencies(i.id).stream().filter(r -> r.satisfiedAt() == null).toList();
        return new Waiter("i:" + i.id, describe(i), open);
    }
}
