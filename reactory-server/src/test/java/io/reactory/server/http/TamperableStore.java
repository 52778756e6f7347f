package io.reactory.server.http;

import io.reactory.workflow.persistence.ApiKeyStore;
import io.reactory.workflow.persistence.AuditChain;
import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditQuery;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.AuditStore;
import io.reactory.workflow.persistence.EventStore;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.SecurityEvent;
import io.reactory.workflow.persistence.SecurityEventQuery;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;

/**
 * The in-memory store with an audit log a test can edit behind the API's back, as someone with access to the
 * database could.
 */
final class TamperableStore implements WorkflowStore {
    private final InMemoryWorkflowStore delegate = new InMemoryWorkflowStore();
    private final ListAuditStore audit = new ListAuditStore();

    /** Replaces the stored entry {@code seq} by {@code edit} of it, keeping its hashes. */
    void edit(long seq, UnaryOperator<AuditRecord> edit) {
        audit.lock.lock();
        try {
            AuditEntry e = audit.entries.get((int) seq - 1);
            audit.entries.set((int) seq - 1, new AuditEntry(e.seq(), edit.apply(e.record()), e.previousHash(), e.hash()));
        } finally {
            audit.lock.unlock();
        }
    }

    @Override
    public InstanceStore instances() {
        return delegate.instances();
    }

    @Override
    public EventStore events() {
        return delegate.events();
    }

    @Override
    public AuditStore audit() {
        return audit;
    }

    @Override
    public ApiKeyStore apiKeys() {
        return delegate.apiKeys();
    }

    @Override
    public String kind() {
        return "memory";
    }

    @Override
    public void addWakeListener(Runnable listener) {
        delegate.addWakeListener(listener);
    }

    private static final class ListAuditStore implements AuditStore {
        final ReentrantLock lock = new ReentrantLock();
        final List<AuditEntry> entries = new ArrayList<>();
        final AuditStore events = new InMemoryWorkflowStore().audit();

        @Override
        public List<AuditEntry> append(List<AuditRecord> records) {
            lock.lock();
            try {
                List<AuditEntry> out = new ArrayList<>();
                for (AuditRecord r : records) {
                    AuditEntry e = AuditChain.link(entries.isEmpty() ? null : entries.get(entries.size() - 1), r);
                    entries.add(e);
                    out.add(e);
                }
                return out;
            } finally {
                lock.unlock();
            }
        }

        @Override
        public List<AuditEntry> find(AuditQuery query) {
            lock.lock();
            try {
                List<AuditEntry> out = new ArrayList<>();
                for (int i = entries.size() - 1; i >= 0; i--) {
                    if (query.matches(entries.get(i))) {
                        out.add(entries.get(i));
                    }
                }
                return out.stream().skip(query.offset()).limit(query.limit()).toList();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public List<AuditEntry> scan(long afterSeq, int limit) {
            lock.lock();
            try {
                return entries.stream().filter(e -> e.seq() > afterSeq).limit(limit).toList();
            } finally {
                lock.unlock();
            }
        }

        @Override
        public SecurityEvent record(SecurityEvent event) {
            return events.record(event);
        }

        @Override
        public List<SecurityEvent> find(SecurityEventQuery query) {
            return events.find(query);
        }
    }
}
