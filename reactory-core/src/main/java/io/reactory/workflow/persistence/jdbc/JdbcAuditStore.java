package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.AuditChain;
import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditQuery;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.AuditStore;
import io.reactory.workflow.persistence.SecurityEvent;
import io.reactory.workflow.persistence.SecurityEventQuery;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit log and security events in SQL (tables of V40). Appends lock the chain head, the one row of
 * {@code audit_head}, with an UPDATE before reading it: on PostgreSQL that is a row lock held to the commit, so
 * appends of every node queue on it; on SQLite the write takes the file's write lock before the head is read, so
 * even a second process cannot read a stale head. Either way two writers never link to the same entry.
 */
final class JdbcAuditStore implements AuditStore {
    private static final String LOCK_HEAD = """
            UPDATE audit_head SET id = 1 WHERE id = 1 RETURNING last_seq, last_hash""";
    private static final String MOVE_HEAD = """
            UPDATE audit_head SET last_seq = ?, last_hash = ? WHERE id = 1""";
    private static final String INSERT_ENTRY = """
            INSERT INTO audit_log (seq, at, actor, namespace, action, target, outcome, status, source_address,
                                   request_id, detail, prev_hash, hash)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    private static final String ENTRY_COLUMNS = """
            SELECT seq, at, actor, namespace, action, target, outcome, status, source_address, request_id, detail,
                   prev_hash, hash FROM audit_log""";
    private static final String INSERT_EVENT = """
            INSERT INTO security_events (at, type, actor, source_address, target, detail) VALUES (?, ?, ?, ?, ?, ?)
            RETURNING id""";
    private static final String EVENT_COLUMNS = """
            SELECT id, at, type, actor, source_address, target, detail FROM security_events""";

    private final Database database;

    JdbcAuditStore(Database database) {
        this.database = database;
    }

    @Override
    public List<AuditEntry> append(List<AuditRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        return database.transaction(c -> {
            AuditEntry last = head(c);
            List<AuditEntry> appended = new ArrayList<>(records.size());
            try (PreparedStatement insert = c.prepareStatement(INSERT_ENTRY)) {
                for (AuditRecord record : records) {
                    last = AuditChain.link(last, record);
                    appended.add(last);
                    bindEntry(insert, last);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            try (PreparedStatement move = c.prepareStatement(MOVE_HEAD)) {
                move.setLong(1, last.seq());
                move.setString(2, last.hash());
                move.executeUpdate();
            }
            return appended;
        });
    }

    /** Locks the head and returns it as the entry to link to (only its seq and hash count), or null before the first. */
    private static AuditEntry head(Connection c) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK_HEAD); ResultSet rows = lock.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("audit_head has no row: the V40 migration did not run");
            }
            long seq = rows.getLong("last_seq");
            return seq == 0 ? null : new AuditEntry(seq, null, null, rows.getString("last_hash"));
        }
    }

    private static void bindEntry(PreparedStatement s, AuditEntry entry) throws SQLException {
        AuditRecord r = entry.record();
        s.setLong(1, entry.seq());
        Micros.set(s, 2, r.at());
        s.setString(3, r.actor());
        s.setString(4, r.namespace());
        s.setString(5, r.action());
        s.setString(6, r.target());
        s.setString(7, r.outcome().name());
        s.setInt(8, r.status());
        s.setString(9, r.sourceAddress());
        s.setString(10, r.requestId());
        s.setString(11, r.detail());
        s.setString(12, entry.previousHash());
        s.setString(13, entry.hash());
    }

    @Override
    public List<AuditEntry> find(AuditQuery query) {
        Where where = new Where()
                .equal("actor", query.actor())
                .equal("target", query.target())
                .equal("namespace", query.namespace())
                .equal("outcome", query.outcome() == null ? null : query.outcome().name())
                .atOrAfter("at", query.from())
                .before("at", query.to());
        String action = query.action();
        if (action != null && action.endsWith(".")) {
            // substr, not LIKE: SQLite's LIKE ignores case, and '_' or '%' in an action must not match anything
            where.condition("substr(action, 1, " + action.length() + ") = ?", action);
        } else {
            where.equal("action", action);
        }
        String sql = ENTRY_COLUMNS + where.sql() + " ORDER BY seq DESC LIMIT ? OFFSET ?";
        return database.read(c -> entries(c, sql, where.withPage(query.limit(), query.offset())));
    }

    @Override
    public List<AuditEntry> scan(long afterSeq, int limit) {
        return database.read(c -> entries(c, ENTRY_COLUMNS + " WHERE seq > ? ORDER BY seq LIMIT ?",
                List.of(afterSeq, limit)));
    }

    private static List<AuditEntry> entries(Connection c, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            Where.bind(s, parameters);
            try (ResultSet rows = s.executeQuery()) {
                List<AuditEntry> out = new ArrayList<>();
                while (rows.next()) {
                    AuditRecord record = new AuditRecord(Micros.get(rows, "at"), rows.getString("actor"),
                            rows.getString("namespace"), rows.getString("action"), rows.getString("target"),
                            AuditRecord.Outcome.valueOf(rows.getString("outcome")), rows.getInt("status"),
                            rows.getString("source_address"), rows.getString("request_id"), rows.getString("detail"));
                    out.add(new AuditEntry(rows.getLong("seq"), record, rows.getString("prev_hash"),
                            rows.getString("hash")));
                }
                return out;
            }
        }
    }

    @Override
    public SecurityEvent record(SecurityEvent event) {
        return database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(INSERT_EVENT)) {
                Micros.set(s, 1, event.at());
                s.setString(2, event.type().name());
                s.setString(3, event.actor());
                s.setString(4, event.sourceAddress());
                s.setString(5, event.target());
                s.setString(6, event.detail());
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    return event.withId(rows.getLong(1));
                }
            }
        });
    }

    @Override
    public List<SecurityEvent> find(SecurityEventQuery query) {
        Where where = new Where()
                .equal("type", query.type() == null ? null : query.type().name())
                .equal("actor", query.actor())
                .atOrAfter("at", query.from())
                .before("at", query.to());
        String sql = EVENT_COLUMNS + where.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?";
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                Where.bind(s, where.withPage(query.limit(), query.offset()));
                try (ResultSet rows = s.executeQuery()) {
                    List<SecurityEvent> out = new ArrayList<>();
                    while (rows.next()) {
                        out.add(new SecurityEvent(rows.getLong("id"), Micros.get(rows, "at"),
                                SecurityEvent.Type.valueOf(rows.getString("type")), rows.getString("actor"),
                                rows.getString("source_address"), rows.getString("target"), rows.getString("detail")));
                    }
                    return out;
                }
            }
        });
    }

    /** A WHERE clause built from the filters that are set, with its parameters in order. */
    static final class Where {
        private final StringBuilder sql = new StringBuilder();
        private final List<Object> parameters = new ArrayList<>();

        Where condition(String condition, Object parameter) {
            sql.append(sql.isEmpty() ? " WHERE " : " AND ").append(condition);
            parameters.add(parameter);
            return this;
        }

        Where equal(String column, String value) {
            return value == null ? this : condition(column + " = ?", value);
        }

        Where atOrAfter(String column, Instant from) {
            return from == null ? this : condition(column + " >= ?", Micros.of(from));
        }

        Where before(String column, Instant to) {
            return to == null ? this : condition(column + " < ?", Micros.of(to));
        }

        String sql() {
            return sql.toString();
        }

        /** The parameters followed by LIMIT and OFFSET. */
        List<Object> withPage(int limit, int offset) {
            List<Object> all = new ArrayList<>(parameters);
            all.add(limit);
            all.add(offset);
            return all;
        }

        static void bind(PreparedStatement s, List<Object> parameters) throws SQLException {
            for (int i = 0; i < parameters.size(); i++) {
                Object p = parameters.get(i);
                if (p instanceof String text) {
                    s.setString(i + 1, text);
                } else if (p instanceof Integer n) {
                    s.setInt(i + 1, n);
                } else {
                    s.setLong(i + 1, (Long) p);
                }
            }
        }
    }
}
