package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.OutboxEntry;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.OutboxStore;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The transactional outbox in {@code wf_outbox} and its relay lease in the one row of {@code wf_outbox_relay}
 * ({@code V50__outbox.sql}). Lifecycle events arrive through {@link #insert} on an instance commit's connection;
 * alerts through {@link #append}, in a transaction of their own.
 *
 * <p>The relay lease is taken with one conditional {@code UPDATE} of the relay row: on PostgreSQL the row lock makes
 * two relays that claim at once take turns, and the second finds the lease held. Expiry is judged by the database
 * clock as instance leases are ({@link LeaseTime}: {@code clock_timestamp()} on PostgreSQL; on SQLite, whose file
 * has one process, that process's clock), so relays on nodes with skewed clocks cannot both send; with
 * {@link DatabaseOptions.LeaseClock#ENGINE} the caller's {@code now} judges (tests under a controllable clock).
 * Thread-safe.
 */
final class JdbcOutboxStore implements OutboxStore, CommitRows<OutboxMessage> {
    private final Database database;
    private final LeaseTime leaseTime;

    /**
     * @param processClock the clock that judges the relay lease on SQLite with {@link DatabaseOptions.LeaseClock#DATABASE}
     */
    JdbcOutboxStore(Database database, Clock processClock) {
        this.database = database;
        this.leaseTime = new LeaseTime(database.dialect(), database.options().leaseClock(), processClock);
    }

    @Override
    public void insert(Connection connection, List<OutboxMessage> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                                // a commit retried after an unknown outcome (connection lost at COMMIT) carries the same messages:
                // the ones already stored are kept, not refused, or the retry would fail forever
                "INSERT INTO wf_outbox (id, topic, ordering_key, type, body, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (id) DO NOTHING")) {
            for (OutboxMessage m : rows) {
                insert.setString(1, m.id());
                insert.setString(2, m.topic());
                insert.setString(3, m.key());
                insert.setString(4, m.type());
                insert.setString(5, m.body());
                insert.setLong(6, Micros.of(m.createdAt()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public void append(List<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        database.transaction(c -> {
            insert(c, messages);
            return null;
        });
    }

    @Override
    public List<OutboxEntry> claim(String owner, int limit, Duration lease, Instant engineNow) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1 but was " + limit);
        }
        return database.transaction(c -> {
            try (PreparedStatement take = c.prepareStatement(leaseTime.with() + "UPDATE wf_outbox_relay SET owner = ?,"
                    + " expires_at = " + LeaseTime.NOW + " + ? WHERE id = 1"
                    + " AND (owner IS NULL OR owner = ? OR expires_at <= " + LeaseTime.NOW + ")")) {
                int i = leaseTime.bind(take, engineNow);
                take.setString(i++, owner);
                take.setLong(i++, lease.toNanos() / 1_000);
                take.setString(i, owner);
                if (take.executeUpdate() == 0) {
                    return List.of();
                }
            }
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT seq, id, topic, ordering_key, type, body, created_at FROM wf_outbox ORDER BY seq LIMIT ?""")) {
                query.setInt(1, limit);
                List<OutboxEntry> entries = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        entries.add(new OutboxEntry(rows.getLong("seq"), new OutboxMessage(rows.getString("id"),
                                rows.getString("topic"), rows.getString("ordering_key"), rows.getString("type"),
                                rows.getString("body"), Micros.get(rows, "created_at"))));
                    }
                }
                return entries;
            }
        });
    }

    @Override
    public void markPublished(List<Long> sequences) {
        if (sequences.isEmpty()) {
            return;
        }
        database.transaction(c -> {
            if (database.dialect() == Dialect.POSTGRES) {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM wf_outbox WHERE seq = ANY (?)")) {
                    Array array = c.createArrayOf("bigint", sequences.toArray());
                    delete.setArray(1, array);
                    delete.executeUpdate();
                }
            } else {
                try (PreparedStatement delete = c.prepareStatement("DELETE FROM wf_outbox WHERE seq = ?")) {
                    for (Long sequence : sequences) {
                        delete.setLong(1, sequence);
                        delete.addBatch();
                    }
                    delete.executeBatch();
                }
            }
            return null;
        });
    }

    @Override
    public void release(String owner) {
        database.transaction(c -> {
            try (PreparedStatement release = c.prepareStatement(
                    "UPDATE wf_outbox_relay SET owner = NULL, expires_at = NULL WHERE id = 1 AND owner = ?")) {
                release.setString(1, owner);
                return release.executeUpdate();
            }
        });
    }

    @Override
    public long pending() {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT count(*) FROM wf_outbox");
                 ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }
}
