package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.LifecycleStore.Admission;
import io.reactory.workflow.persistence.LifecycleStore.AdmissionRequest;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Admission under concurrency limits and the queue of instances waiting for a slot, in the heap. Admissions, queue
 * wake-ups and instance commits all take the store's one lock, which serialises them as the durable stores do with a
 * lock per workflow; the RUNNING counts are kept with every write under that lock.
 */
final class MemoryAdmissionQueue {
    private final MemoryState state;
    private final MemoryInstanceStore instances;

    MemoryAdmissionQueue(MemoryState state, MemoryInstanceStore instances) {
        this.state = state;
        this.instances = instances;
    }

    private boolean isPending(String instanceId) {
        MemoryState.Entry entry = state.byId.get(instanceId);
        return entry != null && entry.instance.status == WorkflowStatus.PENDING;
    }

    Admission admit(InstanceStore.InstanceCommit started, AdmissionRequest request) {
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

    List<String> wakeQueued(String workflowId, int limit, int max, Instant now) {
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

    Set<String> queuedWorkflows() {
        state.lock.lock();
        try {
            Set<String> out = new HashSet<>(state.queues.keySet());
            out.remove(MemoryState.GLOBAL);
            return out;
        } finally {
            state.lock.unlock();
        }
    }

    Map<String, Long> queuedByWorkflow() {
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
}
