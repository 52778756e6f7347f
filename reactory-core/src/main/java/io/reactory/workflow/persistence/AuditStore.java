package io.reactory.workflow.persistence;

import java.util.List;

/**
 * The audit log and the security events, kept in the same database as the workflows.
 *
 * <p><b>Chaining.</b> {@link #append} numbers the records consecutively after the last stored entry and links each to
 * the one before with {@link AuditChain#link}. Appends must be serialised across every process sharing the store (a
 * lock on the chain head, or the database's single writer), or two writers would fork the chain. Entries are never
 * updated or deleted through this interface.
 *
 * <p>Implementations are thread-safe.
 */
public interface AuditStore {

    /**
     * Appends records in the given order, atomically: all or none.
     *
     * @return the stored entries, in the same order
     */
    List<AuditEntry> append(List<AuditRecord> records);

    /** Entries matching the query, newest first. */
    List<AuditEntry> find(AuditQuery query);

    /** Up to {@code limit} entries with {@code seq > afterSeq}, in sequence order (for verification and export). */
    List<AuditEntry> scan(long afterSeq, int limit);

    /** Stores a security event and returns it with its id. */
    SecurityEvent record(SecurityEvent event);

    /** Security events matching the query, newest first. */
    List<SecurityEvent> find(SecurityEventQuery query);
}
