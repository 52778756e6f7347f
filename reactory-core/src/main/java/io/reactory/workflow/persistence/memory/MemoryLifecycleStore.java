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

/** Dependencies, wake-ups and the look-ups of cleanup and statistics in the heap, under the store's one lock. */
final class MemoryLifecycleStore implements LifecycleStore {
    private final MemoryState state;
    private final MemoryAdmissionQueue queue;

    MemoryLifecycleStore(MemoryState state, MemoryInstanceStore instances) {
        this.state = state;
        this.queue = new MemoryAdmissionQueue(state, instances);
    }

    @Override
    public void addDependencies(List<DependencyRecord> dependencies) {
        state.lock.lock();
        try {
            for (DependencyRecord record : dependencies) {
                MemoryState.Entry dependent = state.byId.get(record.dependentId());
                if (dependent != null) {
                    dependent.instance.gated = true;
                }
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

    /** Unsatisfied dependencies of parked PENDING instances. */
    private List<DependencyRecord> parkedWaits() {
        List<DependencyRecord> out = new ArrayList<>();
        for (Map.Entry<String, List<DependencyRecord>> e : state.dependencies.entrySet()) {
            MemoryState.Entry entry = state.byId.get(e.getKey());
            if (entry != null && entry.instance.status == WorkflowStatus.PENDING && entry.instance.nextExecution == null) {
                for (DependencyRecord d : e.getValue()) {
                    if (d.satisfiedAt() == null && d.waitUntil() != null) {
                        out.add(d);
                    }
                }
            }
        }
        return out;
    }

    @Override
    public Set<String> timedOutDependents(Instant now, int limit) {
        state.lock.lock();
        try {
            Set<String> out = new LinkedHashSet<>();
            for (DependencyRecord d : parkedWaits()) {
                if (out.size() < limit && !d.waitUntil().isAfter(now)) {
                    out.add(d.dependentId());
                }
            }
            return out;
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public java.util.Optional<Instant> nextWaitTimeout(Instant after) {
        state.lock.lock();
        try {
            return parkedWaits().stream().map(DependencyRecord::waitUntil).filter(t -> t.isAfter(after))
                    .min(Comparator.naturalOrder());
        } finally {
            state.lock.unlock();
        }
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
        return queue.admit(started, request);
    }

    @Override
    public List<String> wakeQueued(String workflowId, int limit, int max, Instant now) {
        return queue.wakeQueued(workflowId, limit, max, now);
    }

    @Override
    public Set<String> queuedWorkflows() {
        return queue.queuedWorkflows();
    }

    @Override
    public Map<String, Long> queuedByWorkflow() {
        return queue.queuedByWorkflow();
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
