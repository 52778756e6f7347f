package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.StoreObserver;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

final class MemoryInstanceStore implements InstanceStore {
    private final MemoryState state;

    MemoryInstanceStore(MemoryState state) {
        this.state = state;
    }

    @Override
    public String create(WorkflowInstance instance) {
        return create(instance, List.of());
    }

    @Override
    public String create(WorkflowInstance instance, List<OutboxMessage> outbox) {
        return create(instance, outbox, null);
    }

    @Override
    public String createLeased(WorkflowInstance instance, List<OutboxMessage> outbox, Lease lease) {
        return create(instance, outbox, lease);
    }

    private String create(WorkflowInstance instance, List<OutboxMessage> outbox, Lease lease) {
        long timing = state.startTiming();
        state.lock.lock();
        try {
            if (instance.idempotencyKey != null) {
                String existing = state.byIdempotencyKey.get(instance.idempotencyKey);
                if (existing != null) {
                    return existing;
                }
            }
            WorkflowInstance stored = instance.copy();
            stored.leaseOwner = null;
            stored.revision = 1;
            MemoryState.Entry entry = new MemoryState.Entry(stored);
            if (state.byId.putIfAbsent(stored.id, entry) != null) {
                throw new IllegalStateException("an instance with id " + instance.id + " already exists");
            }
            state.byStatus[stored.status.ordinal()]++;
            if (stored.idempotencyKey != null) {
                state.byIdempotencyKey.put(stored.idempotencyKey, stored.id);
            }
            state.index(entry);
            state.statusChanged(stored.workflowId, null, stored.status);
            state.appendOutbox(outbox);
            if (lease != null) {
                WorkflowInstance leased = lease(entry, lease.owner(), lease.duration(), lease.now()).instance();
                instance.leaseOwner = leased.leaseOwner;
                instance.leaseEpoch = leased.leaseEpoch;
            }
            return stored.id;
        } finally {
            state.lock.unlock();
            state.timed(StoreObserver.CREATE, timing, 1);
        }
    }

    @Override
    public Optional<WorkflowInstance> find(String instanceId) {
        state.lock.lock();
        try {
            MemoryState.Entry entry = state.byId.get(instanceId);
            return entry == null ? Optional.empty() : Optional.of(entry.instance.copy());
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public List<WorkflowInstance> find(InstanceQuery query) {
        List<WorkflowInstance> matching = new ArrayList<>();
        state.lock.lock();
        try {
            for (MemoryState.Entry entry : state.byId.values()) {
                if (query.matches(entry.instance)) {
                    matching.add(entry.instance);
                }
            }
            matching.sort(Comparator.comparing((WorkflowInstance i) -> i.createdAt).thenComparing(i -> i.id).reversed());
            int from = Math.min(query.offset(), matching.size());
            int to = Math.min(from + query.limit(), matching.size());
            List<WorkflowInstance> page = new ArrayList<>(to - from);
            for (WorkflowInstance i : matching.subList(from, to)) {
                page.add(i.copy());
            }
            return page;
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public java.util.OptionalLong countRunnable(Instant now) {
        state.lock.lock();
        try {
            long count = dueAtOrBefore(now);
            // signalled instances that are also due are counted once
            for (String id : state.signalled) {
                MemoryState.Entry entry = state.byId.get(id);
                if (entry != null && (entry.dueKey == null || entry.dueKey.at().isAfter(now))) {
                    count++;
                }
            }
            return java.util.OptionalLong.of(count);
        } finally {
            state.lock.unlock();
        }
    }

    /**
     * How many due-index entries are at or before {@code now}, walking from both ends at once: a backlog (most
     * entries due) and a quiet store (most in the future) both cost the smaller side only, under the store's lock.
     */
    private long dueAtOrBefore(Instant now) {
        Iterator<MemoryState.Due> up = state.due.iterator();
        Iterator<MemoryState.Due> down = state.due.descendingIterator();
        long past = 0;
        long future = 0;
        long size = state.due.size();
        while (past + future < size) {
            if (up.next().at().isAfter(now)) {
                return past;
            }
            past++;
            if (past + future == size) {
                break;
            }
            if (!down.next().at().isAfter(now)) {
                return size - future;
            }
            future++;
        }
        return past;
    }

    @Override
    public Map<WorkflowStatus, Long> countByStatus() {
        Map<WorkflowStatus, Long> counts = new EnumMap<>(WorkflowStatus.class);
        state.lock.lock();
        try {
            for (WorkflowStatus status : WorkflowStatus.values()) {
                if (state.byStatus[status.ordinal()] > 0) {
                    counts.put(status, state.byStatus[status.ordinal()]);
                }
            }
        } finally {
            state.lock.unlock();
        }
        return counts;
    }

    @Override
    public List<Claim> claim(ClaimRequest request) {
        List<Claim> claims = new ArrayList<>(Math.min(request.limit(), 256));
        long timing = state.startTiming();
        state.lock.lock();
        try {
            expireLeases(request.now());
            for (Iterator<String> it = state.signalled.iterator(); it.hasNext() && claims.size() < request.limit(); ) {
                MemoryState.Entry entry = state.byId.get(it.next());
                it.remove();
                if (entry != null && !entry.leased()) {
                    claims.add(lease(entry, request.owner(), request.lease(), request.now()));
                }
            }
            while (claims.size() < request.limit() && !state.due.isEmpty()) {
                MemoryState.Due first = state.due.first();
                if (first.at().isAfter(request.now())) {
                    break;
                }
                MemoryState.Entry entry = first.entry();
                claims.add(lease(entry, request.owner(), request.lease(), request.now()));
            }
        } finally {
            state.lock.unlock();
            state.timed(StoreObserver.CLAIM, timing, claims.size());
        }
        return claims;
    }

    private void expireLeases(Instant now) {
        while (!state.leases.isEmpty() && !state.leases.first().at().isAfter(now)) {
            MemoryState.Entry entry = state.leases.first().entry();
            entry.instance.leaseOwner = null;
            state.index(entry);
        }
    }

    private Claim lease(MemoryState.Entry entry, String owner, Duration lease, Instant now) {
        WorkflowInstance stored = entry.instance;
        stored.leaseOwner = owner;
        stored.leaseEpoch++;
        entry.leaseExpires = now.plus(lease);
        state.index(entry);
        return new Claim(stored.copy(), List.copyOf(entry.signals));
    }

    @Override
    public Optional<Claim> claimById(String instanceId, String owner, Duration lease, Instant now) {
        state.lock.lock();
        try {
            expireLeases(now);
            MemoryState.Entry entry = state.byId.get(instanceId);
            if (entry == null || entry.leased()) {
                return Optional.empty();
            }
            return Optional.of(lease(entry, owner, lease, now));
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public List<CommitResult> commit(List<InstanceCommit> commits) {
        List<CommitResult> results = new ArrayList<>(commits.size());
        boolean wake = false;
        long timing = state.startTiming();
        state.lock.lock();
        try {
            for (InstanceCommit commit : commits) {
                WorkflowInstance next = commit.instance();
                MemoryState.Entry entry = state.byId.get(next.id);
                if (entry == null || next.leaseOwner == null || !next.leaseOwner.equals(entry.instance.leaseOwner)
                        || next.leaseEpoch != entry.instance.leaseEpoch) {
                    results.add(new CommitResult(next.id, false, List.of()));
                    continue;
                }
                // A releasing holder never touches its object again, so the store can keep it without a copy.
                WorkflowInstance stored = commit.release() ? next : next.copy();
                stored.revision = entry.instance.revision + 1;
                if (stored.status != entry.instance.status) {
                    state.statusChanged(stored.workflowId, entry.instance.status, stored.status);
                }
                if (!commit.consumedSignals().isEmpty()) {
                    entry.signals.removeIf(s -> commit.consumedSignals().contains(s.id()));
                }
                if (stored.status != entry.instance.status) {
                    state.byStatus[entry.instance.status.ordinal()]--;
                    state.byStatus[stored.status.ordinal()]++;
                }
                entry.instance = stored;
                if (!commit.outbox().isEmpty()) {
                    state.appendOutbox(commit.outbox());
                }
                if (!commit.errors().isEmpty()) {
                    state.addErrors(commit.errors());
                }
                if (commit.subscriptionsChanged()) {
                    wake |= state.resubscribe(entry);
                }
                if (commit.release()) {
                    stored.leaseOwner = null;
                    state.index(entry);
                    wake |= !entry.signals.isEmpty();
                }
                results.add(new CommitResult(next.id, true,
                        commit.release() || entry.signals.isEmpty() ? List.of() : List.copyOf(entry.signals)));
            }
        } finally {
            state.lock.unlock();
            state.timed(StoreObserver.COMMIT, timing, commits.size());
        }
        if (wake) {
            state.wake();
        }
        return results;
    }

    @Override
    public Set<String> renewLeases(String owner, Map<String, Long> epochs, Duration lease, Instant now) {
        Set<String> lost = new HashSet<>();
        long timing = state.startTiming();
        state.lock.lock();
        try {
            expireLeases(now);
            epochs.forEach((id, epoch) -> {
                MemoryState.Entry entry = state.byId.get(id);
                if (entry == null || !owner.equals(entry.instance.leaseOwner) || entry.instance.leaseEpoch != epoch) {
                    lost.add(id);
                } else {
                    entry.leaseExpires = now.plus(lease);
                    state.index(entry);
                }
            });
        } finally {
            state.lock.unlock();
            state.timed(StoreObserver.RENEW, timing, epochs.size());
        }
        return lost;
    }

    @Override
    public List<Signal> pendingSignals(String instanceId) {
        state.lock.lock();
        try {
            MemoryState.Entry entry = state.byId.get(instanceId);
            return entry == null ? List.of() : List.copyOf(entry.signals);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public Signal addSignal(String instanceId, Signal.Kind kind, Instant at) {
        Signal signal;
        state.lock.lock();
        try {
            MemoryState.Entry entry = state.byId.get(instanceId);
            if (entry == null) {
                throw new IllegalArgumentException("no instance " + instanceId);
            }
            signal = new Signal(++state.signalSeq, instanceId, kind, null, at);
            entry.signals.add(signal);
            if (!entry.leased()) {
                state.signalled.add(instanceId);
            }
        } finally {
            state.lock.unlock();
        }
        state.wake();
        return signal;
    }

    @Override
    public Optional<Instant> nextDue() {
        state.lock.lock();
        try {
            if (!state.signalled.isEmpty()) {
                return Optional.of(Instant.MIN);
            }
            Instant due = state.due.isEmpty() ? null : state.due.first().at();
            Instant lease = state.leases.isEmpty() ? null : state.leases.first().at();
            if (due == null) {
                return Optional.ofNullable(lease);
            }
            return Optional.of(lease == null || due.isBefore(lease) ? due : lease);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public int delete(Set<String> instanceIds) {
        int removed = 0;
        state.lock.lock();
        try {
            for (String id : instanceIds) {
                MemoryState.Entry entry = state.byId.remove(id);
                if (entry != null) {
                    state.byStatus[entry.instance.status.ordinal()]--;
                    state.unindex(entry);
                    state.removeSubscriptions(entry);
                    state.statusChanged(entry.instance.workflowId, entry.instance.status, null);
                    if (entry.instance.idempotencyKey != null) {
                        state.byIdempotencyKey.remove(entry.instance.idempotencyKey);
                    }
                    removed++;
                }
            }
        } finally {
            state.lock.unlock();
        }
        return removed;
    }
}
