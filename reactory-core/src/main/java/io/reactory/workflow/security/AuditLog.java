package io.reactory.workflow.security;

import io.reactory.workflow.internal.GroupCommit;
import io.reactory.workflow.persistence.AuditChain;
import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.AuditStore;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends to the audit store with group commit ({@link GroupCommit}): concurrent callers' records are appended in one
 * store call (one transaction on a database), so a thousand concurrent requests cost a handful of commits, not a
 * thousand. Every caller returns only once its own record is stored.
 */
final class AuditLog {
    private static final int VERIFY_PAGE = 1000;
    private static final int MAX_BATCH = 512;

    private final AuditStore store;
    private final GroupCommit<Pending> appends = new GroupCommit<>(MAX_BATCH, this::append);

    AuditLog(AuditStore store) {
        this.store = store;
    }

    AuditEntry append(AuditRecord record) {
        Pending mine = new Pending(record);
        appends.submit(mine);
        return mine.resultOrThrow();
    }

    private void append(List<Pending> batch) {
        List<AuditRecord> records = new ArrayList<>(batch.size());
        batch.forEach(b -> records.add(b.record));
        try {
            List<AuditEntry> entries = store.append(records);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).succeed(entries.get(i));
            }
        } catch (RuntimeException e) {
            batch.forEach(b -> b.fail(e));
        }
    }

    /** Walks the whole chain from the first entry, recomputing every hash. */
    AuditVerification verify() {
        long checked = 0;
        long expectedSeq = 1;
        String previousHash = AuditChain.GENESIS;
        while (true) {
            List<AuditEntry> page = store.scan(expectedSeq - 1, VERIFY_PAGE);
            for (AuditEntry e : page) {
                checked++;
                if (e.seq() != expectedSeq) {
                    return broken(checked, expectedSeq, "entry " + expectedSeq + " is missing (next stored is " + e.seq() + ")");
                }
                if (!e.previousHash().equals(previousHash)) {
                    return broken(checked, e.seq(), "entry " + e.seq() + " does not link to the entry before it");
                }
                if (!AuditChain.hash(previousHash, e.seq(), e.record()).equals(e.hash())) {
                    return broken(checked, e.seq(), "entry " + e.seq() + " was changed after it was written");
                }
                previousHash = e.hash();
                expectedSeq++;
            }
            if (page.size() < VERIFY_PAGE) {
                return new AuditVerification(true, checked, null, null, expectedSeq - 1, previousHash);
            }
        }
    }

    private static AuditVerification broken(long checked, long seq, String problem) {
        return new AuditVerification(false, checked, seq, problem, null, null);
    }

    private static final class Pending extends GroupCommit.Item<AuditEntry> {
        final AuditRecord record;

        Pending(AuditRecord record) {
            this.record = record;
        }
    }
}
