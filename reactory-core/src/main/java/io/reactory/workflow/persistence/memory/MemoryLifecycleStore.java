package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.DependencyRecord;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.LifecycleStore;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Dependencies, the admission queue and wake-ups in the heap, under the store's one lock: admissions, queue wake-ups
 * and instance commits are serialised by it, which is what the durable stores do with a lock per workflow.
 */
final class MemoryLifecycleStore implements LifecycleStore {
    private final MemoryState state;
    private final MemoryInstanceStore instances;

    MemoryLifecycleStore(MemoryState state, MemoryInstanceStore instances) {
        this.state = state;
        this.instances = instances;
    }

    @Override
    public void addDependencies(List<DependencyRecord> dependencies) {
        state.lock.lock();
        try {
            for (DependencyRecord record : dependencies) {
                List<DependencyRecord> existing = state.dependencies.computeIfAbsent(record.dependentId(), k -> new ArrayList<>(2));
                if (existing.stream().noneMatch(d -> d.targetKey().equals(record.targetKey()))) {
                    existing.add(record);
                    if (record.satisfiedAt() == null) {
                        state.dependentsByTargetWorkflow.computeIfAbsent(record.targetWorkflowId(), k -> new HashSet<>())
                                .add(record.dependentId());
                    }
                }
            }
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public List<DependencyRecord> dependencies(String dependentId) {
        state.lock.lock();
        try {
            return List.copyOf(state.dependencies.getOrDefault(dependentId, List.of()));
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public Set<String> dependents(String targetInstanceId, String targetWorkflowId, String targetReference) {
        Set<String> out = new LinkedHashSet<>();
        state.lock.lock();
        try {
            for (String dependent : state.dependentsByTargetWorkflow.getOrDefault(targetWorkflowId, Set.of())) {
                if (isPending(dependent) && state.dependencies.getOrDefault(dependent, List.of()).stream()
                        .anyMatch(d -> d.satisfiedAt() == null && d.concerns(targetInstanceId, targetWorkflowId, targetReference))) {
                    out.add(dependent);
                }
            }
        } finally {
            state.lock.unlock();
        }
        return out;
    }

    private boolean isPending(String instanceId) {
        MemoryState.Entry entry = state.byId.get(instanceId);
        return entry != null && entry.instance.status == WorkflowStatus.PENDING;
    }

    private boolean waits(Map.Entry<String, List<DependencyRecord>> e) {
        return isPending(e.getKey()) && e.getValue().stream().anyMatch(d -> d.satisfiedAt() == null);
    }

    @Override
    public Set<String> targetWorkflows() {
        state.lock.lock();
        try {
            Set<String> out = new HashSet<>();
            state.dependentsByTargetWorkflow.forEach((workflow, dependents) -> {
                if (!dependents.isEmpty()) {
                    out.add(workflow);
                }
            });
            return out;
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public List<String> waitingDependents(String afterId, int limit) {
        List<String> out = new ArrayList<>();
        state.lock.lock();
        try {
            var tail = afterId == null ? state.dependencies : state.dependencies.tailMap(afterId, false);
            for (Map.Entry<String, List<DependencyRecord>> e : tail.entrySet()) {
                if (out.size() >= limit) {
                    break;
                }
                if (waits(e)) {
                    out.add(e.getKey());
                }
            }
        } finally {
            state.lock.unlock();
        }
        return out;
    }

    @Override
    public void satisfy(String dependentId, Instant at) {
        state.lock.lock();
        try {
            List<DependencyRecord> records = state.dependencies.get(dependentId);
            if (records == null) {
                return;
            }
            records.replaceAll(d -> d.satisfiedAt() == null ? d.satisfied(at) : d);
            unindex(dependentId, records);
        } finally {
            state.lock.unlock();
        }
    }

    private void unindex(String dependentId, List<DependencyRecord> records) {
        for (DependencyRecord record : records) {
            Set<String> dependents = state.dependentsByTargetWorkflow.get(record.targetWorkflowId());
            if (dependents != null) {
                dependents.remove(dependentId);
                if (dependents.isEmpty()) {
                    state.dependentsByTargetWorkflow.remove(record.targetWorkflowId());
                }
            }
        }
    }

    @Override
    public int deleteDependencies(Set<String> dependentIds) {
        int removed = 0;
        state.lock.lock();
        try {
            for (String id : dependentIds) {
                List<DependencyRecord> records = state.dependencies.remove(id);
                if (records != null) {
                    unindex(id, records);
                    removed += records.size();
                }
                if (state.queued.containsKey(id)) {
                    state.dequeue(id);
                    removed++;
                }
            }
        } finally {
            state.lock.unlock();
        }
        return removed;
    }

    @Override
    public int deleteOrphans(Instant addedBefore) {
        int removed = 0;
        state.lock.lock();
        try {
            for (Iterator<Map.Entry<String, List<DependencyRecord>>> it = state.dependencies.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<String, List<DependencyRecord>> e = it.next();
                if (!state.byId.containsKey(e.getKey()) && e.getValue().stream().allMatch(d -> d.addedAt().isBefore(addedBefore))) {
                    unindex(e.getKey(), e.getValue());
                    removed += e.getValue().size();
                    it.remove();
                }
            }
            for (String id : List.copyOf(state.queued.keySet())) {
                if (!isPending(id)) {
                    state.dequeue(id);
                    removed++;
                }
            }
        } finally {
            state.lock.unlock();
        }
        return removed;
    }

    @Override
    public Admission admit(InstanceStore.InstanceCommit started, AdmissionRequest request) {
        WorkflowInstance next = started.instance();
        state.lock.lock();
        try {
            MemoryState.Entry entry = state.byId.get(next.id);
            if (entry == null || next.leaseOwner == null || !next.leaseOwner.equals(entry.instance.leaseOwner)
                    || next.leaseEpoch != entry.instance.leaseEpoch) {
                return Admission.LEASE_LOST;
            }
            if (request.workflowLimit() > 0 && state.running(next.workflowId)
                    + ahead(next.workflowId, next.id, request.rank()) >= request.workflowLimit()) {
                enqueue(next, request.rank(), next.workflowId);
                return Admission.QUEUED_FOR_WORKFLOW;
            }
            if (request.globalLimit() > 0
                    && state.runningTotal + ahead(MemoryState.GLOBAL, next.id, request.rank()) >= request.globalLimit()) {
                enqueue(next, request.rank(), MemoryState.GLOBAL);
                return Admission.QUEUED_FOR_GLOBAL;
            }
            if (!instances.commit(List.of(started)).get(0).committed()) {
                return Admission.LEASE_LOST;
            }
            state.dequeue(next.id);
            return Admission.ADMITTED;
        } finally {
            state.lock.unlock();
        }
    }

    /** PENDING instances queued in {@code scope} ranked before ({@code rank}, {@code instanceId}), itself excluded. */
    private long ahead(String scope, String instanceId, Instant rank) {
        TreeSet<MemoryState.QueueEntry> queue = state.queues.get(scope);
        if (queue == null) {
            return 0;
        }
        long count = 0;
        for (MemoryState.QueueEntry e : queue.headSet(new MemoryState.QueueEntry(rank, instanceId, null, scope), false)) {
            if (!e.instanceId().equals(instanceId) && isPending(e.instanceId())) {
                count++;
            }
        }
        return count;
    }

    private void enqueue(WorkflowInstance instance, Instant rank, String scope) {
        state.dequeue(instance.id);
        MemoryState.QueueEntry entry = new MemoryState.QueueEntry(rank, instance.id, instance.workflowId, scope);
        state.queued.put(instance.id, entry);
        state.queues.computeIfAbsent(scope, k -> new TreeSet<>()).add(entry);
    }

    @Override
    public List<String> wakeQueued(String workflowId, int limit, int max, Instant now) {
        List<String> woken = new ArrayList<>();
        boolean signalled = false;
        state.lock.lock();
        try {
            String scope = workflowId == null ? MemoryState.GLOBAL : workflowId;
            int running = workflowId == null ? state.runningTotal : state.running(workflowId);
            int wanted = limit > 0 ? Math.min(max, limit - running) : max;
            TreeSet<MemoryState.QueueEntry> queue = state.queues.get(scope);
            if (queue == null || wanted <= 0) {
                return woken;
            }
            for (MemoryState.QueueEntry e : List.copyOf(queue)) {
                if (woken.size() >= wanted) {
                    break;
                }
                MemoryState.Entry entry = state.byId.get(e.instanceId());
                if (entry == null || entry.instance.status != WorkflowStatus.PENDING) {
                    state.dequeue(e.instanceId()); // cancelled while queued
                    continue;
                }
                signalled |= state.addWake(entry, now);
                woken.add(e.instanceId());
            }
        } finally {
            state.lock.unlock();
        }
        if (signalled) {
            state.wake();
        }
        return woken;
    }

    @Override
    public Set<String> queuedWorkflows() {
        state.lock.lock();
        try {
            Set<String> out = new HashSet<>(state.queues.keySet());
            out.remove(MemoryState.GLOBAL);
            return out;
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public Map<String, Long> queuedByWorkflow() {
        Map<String, Long> out = new HashMap<>();
        state.lock.lock();
        try {
            for (MemoryState.QueueEntry e : state.queued.values()) {
                if (isPending(e.instanceId())) {
                    out.merge(e.workflowId(), 1L, Long::sum);
                }
            }
        } finally {
            state.lock.unlock();
        }
        return out;
    }

    @Override
    public Map<String, Long> runningByWorkflow() {
        Map<String, Long> out = new HashMap<>();
        state.lock.lock();
        try {
            state.runningByWorkflow.forEach((workflow, count) -> out.put(workflow, (long) count[0]));
        } finally {
            state.lock.unlock();
        }
        return out;
    }

    @Override
    public int wake(Set<String> instanceIds, Instant at) {
        int count = 0;
        state.lock.lock();
        try {
            for (String id : instanceIds) {
                MemoryState.Entry entry = state.byId.get(id);
                if (entry != null && !entry.instance.status.isFinished() && state.addWake(entry, at)) {
                    count++;
                }
            }
        } finally {
            state.lock.unlock();
        }
        if (count > 0) {
            state.wake();
        }
        return count;
    }

    @Override
    public List<String> finishedBefore(WorkflowStatus status, Instant cutoff, int limit) {
        List<WorkflowInstance> matching = new ArrayList<>();
        state.lock.lock();
        try {
            for (MemoryState.Entry entry : state.byId.values()) {
                WorkflowInstance i = entry.instance;
                if (i.status == status && (status == WorkflowStatus.CLEANING_UP
                        || (i.completedAt != null && i.completedAt.isBefore(cutoff)))) {
                    matching.add(i);
                }
            }
        } finally {
            state.lock.unlock();
        }
        matching.sort(Comparator.comparing((WorkflowInstance i) -> i.completedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(i -> i.id));
        return matching.stream().limit(limit).map(i -> i.id).toList();
    }

    @Override
    public List<StatusFigures> statistics() {
        Map<String, Map<WorkflowStatus, long[]>> figures = new HashMap<>();
        state.lock.lock();
        try {
            for (MemoryState.Entry entry : state.byId.values()) {
                WorkflowInstance i = entry.instance;
                long[] f = figures.computeIfAbsent(i.workflowId, k -> new HashMap<>())
                        .computeIfAbsent(i.status, k -> new long[4]);
                f[0]++;
                if (i.startedAt != null && i.completedAt != null) {
                    long nanos = Duration.between(i.startedAt, i.completedAt).toNanos();
                    f[1] += nanos;
                    f[2] = Math.max(f[2], nanos);
                    f[3]++;
                }
            }
        } finally {
            state.lock.unlock();
        }
        List<StatusFigures> out = new ArrayList<>();
        figures.forEach((workflow, byStatus) -> byStatus.forEach((status, f) -> out.add(new StatusFigures(workflow,
                status, f[0], Duration.ofNanos(f[1]), Duration.ofNanos(f[2]), f[3]))));
        return out;
    }

    @Override
    public Map<String, Long> waitingByWorkflow() {
        Map<String, Long> out = new HashMap<>();
        state.lock.lock();
        try {
            for (Map.Entry<String, List<DependencyRecord>> e : state.dependencies.entrySet()) {
                if (waits(e)) {
                    out.merge(state.byId.get(e.getKey()).instance.workflowId, 1L, Long::sum);
                }
            }
        } finally {
            state.lock.unlock();
        }
        return out;
    }
}
