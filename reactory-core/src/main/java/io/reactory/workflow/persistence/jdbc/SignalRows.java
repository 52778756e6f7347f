package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.Event;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.Signal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads {@code wf_signals} rows with the events they deliver. */
final class SignalRows {
    private static final String SELECT = """
            SELECT s.id, s.instance_id, s.kind, s.created_at, e.id, e.name, e.key, e.data, e.published_at, e.seq
            FROM wf_signals s LEFT JOIN wf_events e ON e.id = s.event_id
            WHERE %s ORDER BY s.id""";

    private final SqlIds ids;
    private final String byInstances;

    SignalRows(SqlIds ids) {
        this.ids = ids;
        this.byInstances = SELECT.formatted(ids.in("s.instance_id"));
    }

    /** The signals of these instances, oldest first, by instance id (instances without any have no entry). */
    Map<String, List<Signal>> pending(Connection connection, Collection<String> instanceIds) throws SQLException {
        Map<String, List<Signal>> byInstance = new HashMap<>();
        if (instanceIds.isEmpty()) {
            return byInstance;
        }
        try (PreparedStatement statement = connection.prepareStatement(byInstances)) {
            ids.bindText(statement, 1, instanceIds);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Signal signal = read(rows);
                    byInstance.computeIfAbsent(signal.instanceId(), k -> new ArrayList<>(2)).add(signal);
                }
            }
        }
        return byInstance;
    }

    List<Signal> pending(Connection connection, String instanceId) throws SQLException {
        return pending(connection, List.of(instanceId)).getOrDefault(instanceId, List.of());
    }

    private static Signal read(ResultSet rows) throws SQLException {
        Signal.Kind kind = Signal.Kind.valueOf(rows.getString(3));
        Event event = null;
        String eventId = rows.getString(5);
        if (eventId != null) {
            String data = rows.getString(8);
            event = new Event(eventId, rows.getString(6), rows.getString(7), data == null ? null : Payload.ofJson(data),
                    Micros.instant(rows.getLong(9)), rows.getLong(10));
        }
        return new Signal(rows.getLong(1), rows.getString(2), kind, event, Micros.instant(rows.getLong(4)));
    }
}
