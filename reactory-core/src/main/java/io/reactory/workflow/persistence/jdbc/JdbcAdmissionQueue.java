package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.LifecycleStore.Admission;
import io.reactory.workflow.persistence.LifecycleStore.AdmissionRequest;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Admission under concurrency limits, the queue of instances waiting for a slot ({@code wf_admission_queue}) and
 * wake-ups, in SQL.
 *
 * <p><b>Serialisation.</b> An admission counts the RUNNING instances and commits one more in the same transaction,
 * so two admissions of one scope must not interleave. On PostgreSQL each scope (a workflow, or {@code *} for the
 * global limit) has a transaction-scoped advisory lock, taken workflow first, then global, by admissions and queue
 * wake-ups of every node; READ COMMITTED statements after it see every admission committed before. On SQLite the
 * database has one writer: the process's writer lock, and the first statement being a write (it takes the file's
 * write lock before anything is counted), serialise admissions of every process on the file.
 */
final class JdbcAdmissionQueue {
    static final String GLOBAL = "*";
    /** The advisory lock namespace of admission scopes ("RADQ"); the scope's hash is the second key. */
    private static final int LOCK_CLASS = 0x52414451;
    private static final String COUNT_RUNNING = "SELECT count(*) FROM wf_instances WHERE status = 'RUNNING'";
    private static final String ENQUEUE = """
            INSERT INTO wf_admission_queue (instance_id, workflow_id, scope, rank) VALUES (?, ?, ?, ?)
            ON CONFLICT (instance_id) DO UPDATE SET workflow_id = excluded.workflow_id, scope = excluded.scope,
                                                    rank = excluded.rank""";
    private static final String FINISHED = "('COMPLETED', 'FAILED', 'CANCELLED', 'CLEANING_UP')";

    private final Database database;
    private final JdbcInstanceStore instances;
    private final WorkNotifier notifier;
    private final boolean postgres;
    private final String byId;
    private final String holdLease;
    private final String schema;

    JdbcAdmissionQueue(Database database, JdbcInstanceStore instances, WorkNotifier notifier) {
        this.database = database;
        this.instances = instances;
        this.notifier = notifier;
        this.postgres = database.dialect() == Dialect.POSTGRES;
        this.byId = postgres ? " COLLATE \"C\"" : "";
        this.schema = database.options().schema() == null ? "" : database.options().schema();
        // SQLite: a write, so the file's write lock is taken before anything is counted
        this.holdLease = postgres
                ? "SELECT 1 FROM wf_instances WHERE id = ? AND lease_owner = ? AND lease_epoch = ? FOR UPDATE"
                : "UPDATE wf_instances SET lease_epoch = lease_epoch WHERE id = ? AND lease_owner = ? AND lease_epoch = ?";
    }

    Admission admit(InstanceStore.InstanceCommit started, AdmissionRequest request) {
        WorkflowInstance next = started.instance();
        if (next.leaseOwner == null) {
            return Admission.LEASE_LOST;
        }
        return Conflicts.retry(database, c -> {
            if (request.workflowLimit() > 0) {
                lockScope(c, next.workflowId);
            }
            if (request.globalLimit() > 0) {
                lockScope(c, GLOBAL);
            }
            if (!holdsLease(c, next)) {
                return Admission.LEASE_LOST;
            }
            if (request.workflowLimit() > 0 && running(c, next.workflowId)
                    + ahead(c, next.workflowId, next.id, request.rank()) >= request.workflowLimit()) {
                enqueue(c, next, next.workflowId, request.rank());
                return Admission.QUEUED_FOR_WORKFLOW;
            }
            if (request.globalLimit() > 0
                    && running(c, null) + ahead(c, GLOBAL, next.id, request.rank()) >= request.globalLimit()) {
                enqueue(c, next, GLOBAL, request.rank());
                return Admission.QUEUED_FOR_GLOBAL;
            }
            if (!instances.commitWithin(c, started).committed()) {
                return Admission.LEASE_LOST;
            }
            dequeue(c, next.id);
            return Admission.ADMITTED;
        });
    }

    /** Holds the admission lock of {@code scope} until the transaction ends (PostgreSQL; SQLite has one writer). */
    private void lockScope(Connection c, String scope) throws SQLException {
        if (!postgres) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT pg_advisory_xact_lock(?, ?)")) {
            s.setInt(1, LOCK_CLASS);
            // the schema too: stores in other schemas of the database (tests) do not wait for each other
            s.setInt(2, (schema + "/" + scope).hashCode());
            s.execute();
        }
    }

    private boolean holdsLease(Connection c, WorkflowInstance instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(holdLease)) {
            s.setString(1, instance.id);
            s.setString(2, instance.leaseOwner);
            s.setLong(3, instance.leaseEpoch);
            if (postgres) {
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next();
                }
            }
            return s.executeUpdate() == 1;
        }
    }

    /** RUNNING instances of {@code workflowId}, or of all workflows for null. */
    private static long running(Connection c, String workflowId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(COUNT_RUNNING + (workflowId == null ? "" : " AND workflow_id = ?"))) {
            if (workflowId != null) {
                s.setString(1, workflowId);
            }
            return count(s);
        }
    }

    /** PENDING instances queued in {@code scope} ranked before ({@code rank}, {@code instanceId}), itself excluded. */
    private long ahead(Connection c, String scope, String instanceId, Instant rank) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("""
                SELECT count(*) FROM wf_admission_queue q JOIN wf_instances i ON i.id = q.instance_id
                WHERE q.scope = ? AND i.status = 'PENDING' AND q.instance_id <> ?
                  AND (q.rank < ? OR (q.rank = ? AND q.instance_id%s < ?))""".formatted(byId))) {
            long micros = Micros.of(rank);
            s.setString(1, scope);
            s.setString(2, instanceId);
            s.setLong(3, micros);
            s.setLong(4, micros);
            s.setString(5, instanceId);
            return count(s);
        }
    }

    private static void enqueue(Connection c, WorkflowInstance instance, String scope, Instant rank) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ENQUEUE)) {
            s.setString(1, instance.id);
            s.setString(2, instance.workflowId);
            s.setString(3, scope);
            s.setLong(4, Micros.of(rank));
            s.executeUpdate();
        }
    }

    private static void dequeue(Connection c, String instanceId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM wf_admission_queue WHERE instance_id = ?")) {
            s.setString(1, instanceId);
            s.executeUpdate();
        }
    }

    List<String> wakeQueued(String workflowId, int limit, int max, Instant now) {
        String scope = workflowId == null ? GLOBAL : workflowId;
        Woken woken = Conflicts.retry(database, c -> {
            lockScope(c, scope);
            long wanted = limit > 0 ? Math.min(max, limit - running(c, workflowId)) : max;
            List<String> ids = new ArrayList<>();
            boolean signalled = false;
            if (wanted <= 0) {
                return new Woken(ids, false);
            }
            List<String> gone = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT q.instance_id, i.status FROM wf_admission_queue q
                    LEFT JOIN wf_instances i ON i.id = q.instance_id
                    WHERE q.scope = ? ORDER BY q.rank, q.instance_id%s""".formatted(byId))) {
                s.setString(1, scope);
                s.setFetchSize(64);
                try (ResultSet rows = s.executeQuery()) {
                    while (ids.size() < wanted && rows.next()) {
                        if ("PENDING".equals(rows.getString(2))) {
                            ids.add(rows.getString(1));
                        } else {
                            gone.add(rows.getString(1)); // cancelled (or removed) while queued
                        }
                    }
                }
            }
            for (String id : gone) {
                dequeue(c, id);
            }
            for (String id : ids) {
                signalled |= addWake(c, id, now);
            }
            return new Woken(ids, signalled);
        });
        if (woken.signalled()) {
            notifier.wakeLocal();
        }
        return woken.ids();
    }

    private record Woken(List<String> ids, boolean signalled) {}

    int wake(Set<String> instanceIds, Instant at) {
        if (instanceIds.isEmpty()) {
            return 0;
        }
        int count = Conflicts.retry(database, c -> {
            int added = 0;
            for (String id : instanceIds) {
                if (addWake(c, id, at)) {
                    added++;
                }
            }
            return added;
        });
        if (count > 0) {
            notifier.wakeLocal();
        }
        return count;
    }

    /**
     * Queues a wake-up for an unfinished instance unless no one holds it and it has one queued already (a held
     * instance always gets one: its holder may have taken the queued one with its claim, and is deciding on what it
     * saw then). The instance's row is written first, as {@link JdbcInstanceStore#addSignal} does, so this lands after
     * a commit that clears its flag. True when one was added.
     */
    private boolean addWake(Connection c, String instanceId, Instant at) throws SQLException {
        boolean held;
        try (PreparedStatement s = c.prepareStatement("UPDATE wf_instances SET signalled = TRUE WHERE id = ? AND status NOT IN "
                + FINISHED + " RETURNING lease_owner")) {
            s.setString(1, instanceId);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    return false; // gone or finished
                }
                held = rows.getString(1) != null;
            }
        }
        if (!held) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT 1 FROM wf_signals WHERE instance_id = ? AND kind = 'WAKE' LIMIT 1")) {
                s.setString(1, instanceId);
                try (ResultSet rows = s.executeQuery()) {
                    if (rows.next()) {
                        return false;
                    }
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO wf_signals (instance_id, kind, event_id, created_at) VALUES (?, 'WAKE', NULL, ?)")) {
            s.setString(1, instanceId);
            s.setLong(2, Micros.of(at));
            s.executeUpdate();
        }
        notifier.notifyOthers(c);
        return true;
    }

    Set<String> queuedWorkflows() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT DISTINCT scope FROM wf_admission_queue WHERE scope <> '" + GLOBAL + "'");
                 ResultSet rows = s.executeQuery()) {
                Set<String> out = new HashSet<>();
                while (rows.next()) {
                    out.add(rows.getString(1));
                }
                return out;
            }
        });
    }

    Map<String, Long> queuedByWorkflow() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("""
                    SELECT q.workflow_id, count(*) FROM wf_admission_queue q JOIN wf_instances i ON i.id = q.instance_id
                    WHERE i.status = 'PENDING' GROUP BY q.workflow_id""");
                 ResultSet rows = s.executeQuery()) {
                Map<String, Long> out = new HashMap<>();
                while (rows.next()) {
                    out.put(rows.getString(1), rows.getLong(2));
                }
                return out;
            }
        });
    }

    private static long count(PreparedStatement s) throws SQLException {
        try (ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
