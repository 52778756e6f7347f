package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** The columns of a {@code wf_instances} row and their mapping to {@link WorkflowInstance}. */
final class InstanceRows {
    /** The columns {@link #read} expects, in its order. */
    static final String COLUMNS = "id, workflow_id, version, status, reference, namespace, priority, idempotency_key, "
            + "created_at, started_at, completed_at, next_execution, revision, lease_owner, lease_epoch, gated, data, "
            + "state, signalled";

    static final String INSERT = """
            INSERT INTO wf_instances (id, workflow_id, version, status, reference, namespace, priority, idempotency_key,
                created_at, started_at, completed_at, next_execution, revision, lease_owner, lease_epoch, gated, data,
                state)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, NULL, 0, ?, ?, ?)
            ON CONFLICT (idempotency_key) DO NOTHING""";

    /**
     * {@link #INSERT} of an instance leased to its creator (eager start): epoch 1, as its first claim would leave it.
     * Its parameters are {@link #INSERT}'s, then the owner and the lease in microseconds after the statement's clock
     * ({@link LeaseTime}, whose clause comes first).
     */
    static final String INSERT_LEASED = """
            INSERT INTO wf_instances (id, workflow_id, version, status, reference, namespace, priority, idempotency_key,
                created_at, started_at, completed_at, next_execution, revision, lease_epoch, gated, data, state,
                lease_owner, lease_expires_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 1, ?, ?, ?, ?, %s + ?)
            ON CONFLICT (idempotency_key) DO NOTHING""".formatted(LeaseTime.NOW);

    private static final WorkflowStatus[] STATUSES = WorkflowStatus.values();
    private static final Priority[] PRIORITIES = Priority.values();

    private InstanceRows() {}

    /** Reads the row the result set is on (selected with {@link #COLUMNS}). */
    static WorkflowInstance read(ResultSet rows) throws SQLException {
        WorkflowInstance i = new WorkflowInstance();
        i.id = rows.getString(1);
        i.workflowId = rows.getString(2);
        i.version = rows.getString(3);
        i.status = status(rows.getString(4));
        i.reference = rows.getString(5);
        i.namespace = rows.getString(6);
        i.priority = PRIORITIES[rows.getInt(7)];
        i.idempotencyKey = rows.getString(8);
        i.createdAt = Micros.instant(rows.getLong(9));
        i.startedAt = instant(rows, 10);
        i.completedAt = instant(rows, 11);
        i.nextExecution = instant(rows, 12);
        i.revision = rows.getLong(13);
        i.leaseOwner = rows.getString(14);
        i.leaseEpoch = rows.getLong(15);
        i.gated = rows.getBoolean(16);
        String data = rows.getString(17);
        i.data = data == null ? null : Payload.ofJson(data);
        InstanceState.read(rows.getString(18), i);
        return i;
    }

    /** Whether the row has signals waiting (the last of {@link #COLUMNS}). */
    static boolean signalled(ResultSet rows) throws SQLException {
        return rows.getBoolean(19);
    }

    /**
     * Binds {@link #INSERT}'s parameters for a new instance from index {@code first}.
     *
     * @return the index after the last one bound
     */
    static int bindInsert(PreparedStatement s, WorkflowInstance i, int first) throws SQLException {
        int p = first;
        s.setString(p++, i.id);
        s.setString(p++, i.workflowId);
        s.setString(p++, i.version);
        s.setString(p++, i.status.name());
        s.setString(p++, i.reference);
        s.setString(p++, i.namespace);
        s.setInt(p++, (i.priority == null ? Priority.NORMAL : i.priority).ordinal());
        s.setString(p++, i.idempotencyKey);
        s.setLong(p++, Micros.of(i.createdAt));
        Micros.set(s, p++, i.startedAt);
        Micros.set(s, p++, i.completedAt);
        Micros.set(s, p++, i.nextExecution);
        s.setBoolean(p++, i.gated);
        setData(s, p++, i);
        s.setString(p++, InstanceState.write(i));
        return p;
    }

    static void setData(PreparedStatement s, int index, WorkflowInstance i) throws SQLException {
        if (i.data == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, i.data.jsonText());
        }
    }

    static WorkflowStatus status(String name) {
        for (WorkflowStatus status : STATUSES) {
            if (status.name().equals(name)) {
                return status;
            }
        }
        throw new IllegalStateException("unknown instance status '" + name + "' in the store");
    }

    private static java.time.Instant instant(ResultSet rows, int column) throws SQLException {
        long micros = rows.getLong(column);
        return rows.wasNull() ? null : Micros.instant(micros);
    }
}
