package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditRecord;
import java.sql.PreparedStatement;

/** Edits a stored audit entry with plain SQL, as someone with access to the database could (hashes kept). */
final class AuditRows {
    private AuditRows() {}

    static void overwrite(Database database, AuditEntry edited) {
        AuditRecord r = edited.record();
        database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    UPDATE audit_log SET at = ?, actor = ?, namespace = ?, action = ?, target = ?, outcome = ?,
                           status = ?, source_address = ?, request_id = ?, detail = ?, prev_hash = ?, hash = ?
                    WHERE seq = ?""")) {
                s.setLong(1, Micros.of(r.at()));
                s.setString(2, r.actor());
                s.setString(3, r.namespace());
                s.setString(4, r.action());
                s.setString(5, r.target());
                s.setString(6, r.outcome().name());
                s.setInt(7, r.status());
                s.setString(8, r.sourceAddress());
                s.setString(9, r.requestId());
                s.setString(10, r.detail());
                s.setString(11, edited.previousHash());
                s.setString(12, edited.hash());
                s.setLong(13, edited.seq());
                if (s.executeUpdate() != 1) {
                    throw new AssertionError("no audit entry " + edited.seq());
                }
                return null;
            }
        });
    }
}
