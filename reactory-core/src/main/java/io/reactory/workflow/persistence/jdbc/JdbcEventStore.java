package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.internal.Ids;
import io.reactory.workflow.persistence.Event;
import io.reactory.workflow.persistence.EventStore;
import io.reactory.workflow.persistence.Payload;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Published events in {@code wf_events}. Publishing stores the event and, in the same transaction, queues an EVENT
 * signal for every instance subscribed to its name and key ({@link Subscriptions}). Thread-safe.
 */
public final class JdbcEventStore implements EventStore {
    private static final String INSERT = """
            INSERT INTO wf_events (id, name, key, data, published_at) VALUES (?, ?, ?, ?, ?) RETURNING seq""";
    private static final String FIND = "SELECT id, name, key, data, published_at, seq FROM wf_events WHERE id = ?";
    /** Events still to be delivered to an instance are kept, so a queued signal never loses its event. */
    private static final String DELETE_BEFORE = """
            DELETE FROM wf_events WHERE published_at < ?
              AND NOT EXISTS (SELECT 1 FROM wf_signals s WHERE s.event_id = wf_events.id)""";

    private final Database database;
    private final Subscriptions subscriptions;
    private final WorkNotifier notifier;

    JdbcEventStore(Database database, WorkNotifier notifier) {
        this.database = database;
        this.notifier = notifier;
        this.subscriptions = new Subscriptions(database.dialect(), new SqlIds(database.dialect()));
    }

    @Override
    public Event publish(String eventName, String eventKey, Payload data, Instant publishedAt) {
        String id = Ids.newId(publishedAt.toEpochMilli());
        String json = data == null ? null : data.jsonText();
        record Published(Event event, Set<String> signalled) {}
        Published published = Conflicts.retry(database, c -> {
            TreeSet<Long> key = new TreeSet<>();
            key.add(Subscriptions.lockKey(eventName, eventKey));
            subscriptions.lock(c, key);
            long seq;
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                s.setString(1, id);
                s.setString(2, eventName);
                s.setString(3, eventKey);
                s.setString(4, json);
                s.setLong(5, Micros.of(publishedAt));
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    seq = rows.getLong(1);
                }
            }
            Event event = new Event(id, eventName, eventKey, data, publishedAt, seq);
            Set<String> signalled = subscriptions.deliver(c, event);
            if (!signalled.isEmpty()) {
                notifier.notifyOthers(c);
            }
            return new Published(event, signalled);
        });
        if (!published.signalled().isEmpty()) {
            notifier.wakeLocal();
        }
        return published.event();
    }

    @Override
    public Optional<Event> find(String eventId) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(FIND)) {
                s.setString(1, eventId);
                try (ResultSet rows = s.executeQuery()) {
                    if (!rows.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(read(rows));
                }
            }
        });
    }

    private static Event read(ResultSet rows) throws SQLException {
        String data = rows.getString(4);
        return new Event(rows.getString(1), rows.getString(2), rows.getString(3),
                data == null ? null : Payload.ofJson(data), Micros.instant(rows.getLong(5)), rows.getLong(6));
    }

    @Override
    public int deletePublishedBefore(Instant cutoff) {
        return Conflicts.retry(database, c -> {
            try (PreparedStatement s = c.prepareStatement(DELETE_BEFORE)) {
                s.setLong(1, Micros.of(cutoff));
                return s.executeUpdate();
            }
        });
    }
}
