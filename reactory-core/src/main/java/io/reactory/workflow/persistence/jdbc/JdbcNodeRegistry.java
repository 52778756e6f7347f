package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.NodeRegistry;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Nodes in {@code wf_nodes}, their times taken from the {@link LeaseTime lease clock}. Thread-safe. */
final class JdbcNodeRegistry implements NodeRegistry {
    private static final String NOW = LeaseTime.NOW;
    private static final String REGISTER = """
            INSERT INTO wf_nodes (id, started_at, heartbeat_at) VALUES (?, %1$s, %1$s)
            ON CONFLICT (id) DO UPDATE SET started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at"""
            .formatted(NOW);
    private static final String HEARTBEAT = """
            INSERT INTO wf_nodes (id, started_at, heartbeat_at) VALUES (?, %1$s, %1$s)
            ON CONFLICT (id) DO UPDATE SET heartbeat_at = excluded.heartbeat_at""".formatted(NOW);
    private static final String LIVE = """
            SELECT id, started_at, heartbeat_at FROM wf_nodes WHERE heartbeat_at >= %s - ? ORDER BY id"""
            .formatted(NOW);
    private static final String DEREGISTER = "DELETE FROM wf_nodes WHERE id = ?";

    private final Database database;
    private final LeaseTime time;
    private final Clock clock;

    JdbcNodeRegistry(Database database, LeaseTime time, Clock clock) {
        this.database = database;
        this.time = time;
        this.clock = clock;
    }

    @Override
    public void register(String nodeId) {
        upsert(REGISTER, nodeId);
    }

    @Override
    public void heartbeat(String nodeId) {
        upsert(HEARTBEAT, nodeId);
    }

    private void upsert(String sql, String nodeId) {
        database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(time.with() + sql)) {
                int p = time.bind(s, clock.instant());
                s.setString(p, nodeId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public List<Node> live(Duration within) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(time.with() + LIVE)) {
                int p = time.bind(s, clock.instant());
                s.setLong(p, within.toNanos() / 1000);
                List<Node> nodes = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        nodes.add(new Node(rows.getString(1), Micros.instant(rows.getLong(2)),
                                Micros.instant(rows.getLong(3))));
                    }
                }
                return nodes;
            }
        });
    }

    @Override
    public void deregister(String nodeId) {
        database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(DEREGISTER)) {
                s.setString(1, nodeId);
                return s.executeUpdate();
            }
        });
    }
}
