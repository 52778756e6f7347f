package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.persistence.OutboxEntry;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.OutboxStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

final class MemoryOutboxStore implements OutboxStore {
    private final MemoryState state;

    MemoryOutboxStore(MemoryState state) {
        this.state = state;
    }

    @Override
    public void append(List<OutboxMessage> messages) {
        state.lock.lock();
        try {
            state.appendOutbox(messages);
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public List<OutboxEntry> claim(String owner, int limit, Duration lease, Instant now) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
        }
        state.lock.lock();
        try {
            if (state.relayOwner != null && !state.relayOwner.equals(owner) && state.relayLeaseExpires.isAfter(now)) {
                return List.of();
            }
            state.relayOwner = owner;
            state.relayLeaseExpires = now.plus(lease);
            List<OutboxEntry> entries = new ArrayList<>(Math.min(limit, state.outbox.size()));
            for (Map.Entry<Long, OutboxMessage> e : state.outbox.entrySet()) {
                if (entries.size() == limit) {
                    break;
                }
                entries.add(new OutboxEntry(e.getKey(), e.getValue()));
            }
            return entries;
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public void markPublished(List<Long> sequences) {
        state.lock.lock();
        try {
            for (Long sequence : sequences) {
                state.outbox.remove(sequence);
            }
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public void release(String owner) {
        state.lock.lock();
        try {
            if (owner.equals(state.relayOwner)) {
                state.relayOwner = null;
                state.relayLeaseExpires = null;
            }
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public long pending() {
        state.lock.lock();
        try {
            return state.outbox.size();
        } finally {
            state.lock.unlock();
        }
    }
}
