package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.ErrorStore;
import io.reactory.workflow.persistence.ErrorSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ErrorHandler's records in {@code error_records} ({@code V10__error_records.sql}). Records only arrive through
 * {@link #insert}, which the instance store calls on its commit's connection, so they are stored in the transaction
 * of the instance state they explain and not at all when that commit is refused. Thread-safe.
 */
final class JdbcErrorStore implements ErrorStore, CommitRows<ErrorRecord> {
    private static final String COLUMNS = """
            instance_id, workflow_id, workflow_version, namespace, step_name, pointer_id, attempt, error_type, message,
            stack_trace, retryable, action, retry_at, occurred_at""";

    private final Database database;

    JdbcErrorStore(Database database) {
        this.database = database;
    }

    @Override
    public void insert(Connection connection, List<ErrorRecord> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(
                                // No key tells a commit retried after an unknown outcome (connection cut at COMMIT) from a real
                // second failure with the same attempt and time (a retried FAILED instance under a fixed clock): such
                // a retry may store a record twice, which is the at-least-once side of the trade.
                "INSERT INTO error_records (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ErrorRecord r : rows) {
                int i = 1;
                insert.setString(i++, r.instanceId());
                insert.setString(i++, r.workflowId());
                insert.setString(i++, r.version());
                insert.setString(i++, r.namespace());
                insert.setString(i++, r.stepName());
                insert.setInt(i++, r.pointerId());
                insert.setInt(i++, r.attempt());
                insert.setString(i++, r.errorType());
                insert.setString(i++, r.message());
                insert.setString(i++, r.stackTrace());
                insert.setBoolean(i++, r.retryable());
                insert.setString(i++, r.action().name());
                Micros.set(insert, i++, r.retryAt());
                Micros.set(insert, i, r.occurredAt());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    @Override
    public List<ErrorRecord> findByInstance(String instanceId) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT id, " + COLUMNS + " FROM error_records WHERE instance_id = ? ORDER BY id")) {
                query.setString(1, instanceId);
                List<ErrorRecord> records = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        records.add(record(rows));
                    }
                }
                return records;
            }
        });
    }

    private static ErrorRecord record(ResultSet rows) throws SQLException {
        return new ErrorRecord(rows.getLong("id"), rows.getString("instance_id"), rows.getString("workflow_id"),
                rows.getString("workflow_version"), rows.getString("namespace"), rows.getString("step_name"),
                rows.getInt("pointer_id"), rows.getInt("attempt"), rows.getString("error_type"),
                rows.getString("message"), rows.getString("stack_trace"), rows.getBoolean("retryable"),
                ErrorRecord.Action.valueOf(rows.getString("action")), Micros.get(rows, "retry_at"),
                Micros.get(rows, "occurred_at"));
    }

    @Override
    public ErrorSummary summarize(Instant since) {
        return database.read(c -> {
            long failures = 0;
            Map<String, Long> byType = new HashMap<>();
            Map<String, Long> byWorkflow = new HashMap<>();
            Map<ErrorRecord.Action, Long> byAction = new EnumMap<>(ErrorRecord.Action.class);
            // One grouped scan of the time index; the three breakdowns are folded from its few rows.
            try (PreparedStatement query = c.prepareStatement("""
                    SELECT error_type, workflow_id, action, count(*) FROM error_records WHERE occurred_at >= ?
                    GROUP BY error_type, workflow_id, action""")) {
                query.setLong(1, Micros.of(since));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        long n = rows.getLong(4);
                        failures += n;
                        byType.merge(rows.getString(1), n, Long::sum);
                        byWorkflow.merge(rows.getString(2), n, Long::sum);
                        byAction.merge(ErrorRecord.Action.valueOf(rows.getString(3)), n, Long::sum);
                    }
                }
            }
            return new ErrorSummary(since, failures, byType, byWorkflow, byAction);
        });
    }

    @Override
    public int deleteByInstance(Set<String> instanceIds) {
        if (instanceIds.isEmpty()) {
            return 0;
        }
        return database.transaction(c -> {
            int removed = 0;
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM error_records WHERE instance_id = ?")) {
                for (String id : instanceIds) {
                    delete.setString(1, id);
                    removed += delete.executeUpdate();
                }
            }
            return removed;
        });
    }

    @Override
    public int deleteOccurredBefore(Instant cutoff) {
        return database.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM error_records WHERE occurred_at < ?")) {
                delete.setLong(1, Micros.of(cutoff));
                return delete.executeUpdate();
            }
        });
    }
}
