package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.persistence.AuditChain;
import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditQuery;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.AuditStore;
import io.reactory.workflow.persistence.SecurityEvent;
import io.reactory.workflow.persistence.SecurityEventQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/** The audit log in the heap: two append-only lists under one lock (its own, so audit never waits for the engine). */
final class MemoryAuditStore implements AuditStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayList<AuditEntry> entries = new ArrayList<>();
    private final ArrayList<SecurityEvent> events = new ArrayList<>();

    @Override
    public List<AuditEntry> append(List<AuditRecord> records) {
        lock.lock();
        try {
            List<AuditEntry> appended = new ArrayList<>(records.size());
            AuditEntry last = entries.isEmpty() ? null : entries.get(entries.size() - 1);
            for (AuditRecord record : records) {
                last = AuditChain.link(last, record);
                appended.add(last);
            }
            entries.addAll(appended);
            return appended;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        lock.lock();
        try {
            return newestFirst(entries, query::matches, query.offset(), query.limit());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<AuditEntry> scan(long afterSeq, int limit) {
        lock.lock();
        try {
            // seq n sits at index n - 1 (entries are never removed)
            int from = (int) Math.min(Math.max(afterSeq, 0), entries.size());
            int to = (int) Math.min((long) from + limit, entries.size());
            return List.copyOf(entries.subList(from, to));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public SecurityEvent record(SecurityEvent event) {
        lock.lock();
        try {
            SecurityEvent stored = event.withId(events.size() + 1L);
            events.add(stored);
            return stored;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<SecurityEvent> find(SecurityEventQuery query) {
        lock.lock();
        try {
            return newestFirst(events, query::matches, query.offset(), query.limit());
        } finally {
            lock.unlock();
        }
    }

    /**
     * Overwrites a stored entry without re-chaining, as someone editing the database would; only the contract test of
     * this store uses it, to prove that verification notices.
     */
    void overwrite(AuditEntry edited) {
        lock.lock();
        try {
            entries.set((int) edited.seq() - 1, edited);
        } finally {
            lock.unlock();
        }
    }

    private static <T> List<T> newestFirst(List<T> all, Predicate<T> filter, int offset, int limit) {
        List<T> page = new ArrayList<>(Math.min(limit, 64));
        int skipped = 0;
        for (int i = all.size() - 1; i >= 0 && page.size() < limit; i--) {
            T item = all.get(i);
            if (filter.test(item) && skipped++ >= offset) {
                page.add(item);
            }
        }
        return page;
    }
}
