package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.Event;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Event subscriptions ({@code wf_subscriptions}) and the EVENT signals that match them (see
 * {@link io.reactory.workflow.persistence.EventStore}): rewritten from an instance's pointers when it is committed,
 * matched against stored events then, and against each new event when it is published.
 *
 * <p>A commit that subscribes and a publish of a matching event must not miss each other (each seeing the other's
 * rows only after it committed). On PostgreSQL both take a transaction-scoped advisory lock per event name and key
 * first, so one of them runs after the other committed; SQLite's single writer serialises them anyway.
 */
final class Subscriptions {
    private static final String DELETE = "DELETE FROM wf_subscriptions WHERE %s";
    private static final String INSERT = """
            INSERT INTO wf_subscriptions (instance_id, event_name, event_key, as_of, after_seq)
            VALUES (?, ?, ?, ?, ?)""";
    /** The oldest matching event, unless it is queued for the instance already. */
    private static final String MATCH_STORED = """
            INSERT INTO wf_signals (instance_id, kind, event_id, created_at)
            SELECT ?, 'EVENT', e.id, e.published_at
            FROM (SELECT id, published_at FROM wf_events
                  WHERE name = ? AND key = ? AND seq > ? AND published_at >= ?
                  ORDER BY seq LIMIT 1) e
            WHERE NOT EXISTS (SELECT 1 FROM wf_signals s WHERE s.instance_id = ? AND s.event_id = e.id)""";
    private static final String MATCH_PUBLISHED = """
            INSERT INTO wf_signals (instance_id, kind, event_id, created_at)
            SELECT s.instance_id, 'EVENT', ?, ?
            FROM wf_subscriptions s
            WHERE s.event_name = ? AND s.event_key = ? AND s.as_of <= ? AND s.after_seq < ?
            RETURNING instance_id""";
    private static final String FLAG = "UPDATE wf_instances SET signalled = true WHERE %s";

    private final Dialect dialect;
    private final SqlIds ids;
    private final String delete;
    private final String flag;

    Subscriptions(Dialect dialect, SqlIds ids) {
        this.dialect = dialect;
        this.ids = ids;
        this.delete = DELETE.formatted(ids.in("instance_id"));
        this.flag = FLAG.formatted(ids.in("id"));
    }

    /** A pointer waiting for an event that has not been delivered to it. */
    static boolean waiting(ExecutionPointer p) {
        return p.status == PointerStatus.WAITING_EVENT && p.eventId == null;
    }

    /** The advisory lock keys of the events these instances wait for (PostgreSQL; to be locked before any row). */
    static void collectKeys(WorkflowInstance i, TreeSet<Long> into) {
        for (ExecutionPointer p : i.pointers) {
            if (waiting(p)) {
                into.add(lockKey(p.eventName, p.eventKey));
            }
        }
    }

    /** Takes the advisory locks, in ascending order so two writers never wait for each other. */
    void lock(Connection connection, TreeSet<Long> keys) throws SQLException {
        if (dialect != Dialect.POSTGRES || keys.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            for (long key : keys) {
                statement.setLong(1, key);
                statement.executeQuery().close();
            }
        }
    }

    /**
     * Replaces the subscriptions of committed instances by those of their waiting pointers, and queues for each new
     * subscription the oldest matching stored event.
     *
     * @return the instances that got an EVENT signal (their {@code signalled} flag is set)
     */
    Set<String> rewrite(Connection connection, List<WorkflowInstance> instances) throws SQLException {
        List<String> instanceIds = new ArrayList<>(instances.size());
        for (WorkflowInstance i : instances) {
            instanceIds.add(i.id);
        }
        try (PreparedStatement statement = connection.prepareStatement(delete)) {
            ids.bindText(statement, 1, instanceIds);
            statement.executeUpdate();
        }
        List<String[]> subscriptions = new ArrayList<>();
        List<WorkflowInstance> owners = new ArrayList<>();
        for (WorkflowInstance i : instances) {
            Set<String> seen = new LinkedHashSet<>();
            for (ExecutionPointer p : i.pointers) {
                if (waiting(p) && seen.add(WorkflowInstance.cursorKey(p.eventName, p.eventKey))) {
                    subscriptions.add(new String[] {p.eventName, p.eventKey});
                    owners.add(i);
                }
            }
        }
        Set<String> signalled = new LinkedHashSet<>();
        if (subscriptions.isEmpty()) {
            return signalled;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT);
             PreparedStatement match = connection.prepareStatement(MATCH_STORED)) {
            for (int k = 0; k < subscriptions.size(); k++) {
                WorkflowInstance i = owners.get(k);
                String name = subscriptions.get(k)[0];
                String key = subscriptions.get(k)[1];
                long asOf = Micros.of(i.createdAt);
                long afterSeq = i.eventCursors.getOrDefault(WorkflowInstance.cursorKey(name, key), 0L);
                insert.setString(1, i.id);
                insert.setString(2, name);
                insert.setString(3, key);
                insert.setLong(4, asOf);
                insert.setLong(5, afterSeq);
                insert.addBatch();
                match.setString(1, i.id);
                match.setString(2, name);
                match.setString(3, key);
                match.setLong(4, afterSeq);
                match.setLong(5, asOf);
                match.setString(6, i.id);
                match.addBatch();
            }
            insert.executeBatch();
            int[] matched = match.executeBatch();
            for (int k = 0; k < matched.length; k++) {
                if (matched[k] > 0) {
                    signalled.add(owners.get(k).id);
                }
            }
        }
        flag(connection, signalled);
        return signalled;
    }

    /**
     * Queues the new event for every instance subscribed to its name and key.
     *
     * @return the instances signalled (their {@code signalled} flag is set)
     */
    Set<String> deliver(Connection connection, Event event) throws SQLException {
        Set<String> signalled = new LinkedHashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(MATCH_PUBLISHED)) {
            statement.setString(1, event.id());
            statement.setLong(2, Micros.of(event.publishedAt()));
            statement.setString(3, event.name());
            statement.setString(4, event.key());
            statement.setLong(5, Micros.of(event.publishedAt()));
            statement.setLong(6, event.seq());
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    signalled.add(rows.getString(1));
                }
            }
        }
        flag(connection, signalled);
        return signalled;
    }

    private void flag(Connection connection, Collection<String> instanceIds) throws SQLException {
        if (instanceIds.isEmpty()) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(flag)) {
            ids.bindText(statement, 1, instanceIds);
            statement.executeUpdate();
        }
    }

    /** A 64-bit FNV-1a hash of name and key: collisions only make unrelated writers wait for each other. */
    static long lockKey(String eventName, String eventKey) {
        long hash = 0xcbf29ce484222325L;
        String text = eventName + '\u0000' + eventKey;
        for (int k = 0; k < text.length(); k++) {
            hash ^= text.charAt(k);
            hash *= 0x100000001b3L;
        }
        return hash;
    }
}
