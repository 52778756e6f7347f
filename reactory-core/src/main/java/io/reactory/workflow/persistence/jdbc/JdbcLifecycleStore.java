package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.lifecycle.DependencyCondition;
import io.reactory.workflow.lifecycle.UnmetDependencyPolicy;
import io.reactory.workflow.persistence.DependencyRecord;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.LifecycleStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Dependencies, statistics and the look-ups of cleanup in SQL (tables of V30); admission, queue wake-ups and
 * wake-ups are {@link JdbcAdmissionQueue}'s. Every look-up of "waiting" instances joins {@code wf_instances} for the
 * PENDING status, so a finished or removed dependent never counts.
 */
final class JdbcLifecycleStore implements LifecycleStore {
    private static final String DEPENDENCY_COLUMNS = """
            dependent_id, target_instance_id, target_workflow_id, correlation_key, condition, on_unmet, wait_until,
            added_at, satisfied_at""";
    private static final String INSERT_DEPENDENCY = "INSERT INTO wf_dependencies (target_key, " + DEPENDENCY_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dependent_id, target_key) DO NOTHING";
    /** Unsatisfied dependencies of PENDING instances, aliased d (dependency) and i (dependent). */
    private static final String WAITING = """
            FROM wf_dependencies d JOIN wf_instances i ON i.id = d.dependent_id
            WHERE d.satisfied_at IS NULL AND i.status = 'PENDING'""";
    /** ...of parked ones (no due time: their engine decided they wait) with a wait timeout. */
    private static final String PARKED_WITH_TIMEOUT = WAITING
            + " AND i.next_execution IS NULL AND d.wait_until IS NOT NULL";
    private static final String TIMED = "started_at IS NOT NULL AND completed_at IS NOT NULL";

    private final Database database;
    private final JdbcAdmissionQueue queue;
    /** Ordering and comparing ids as Java does (byte order), whatever the database's collation. */
    private final String byId;
    /** The order dependencies were added in: PostgreSQL numbers them, SQLite keeps its rowid. */
    private final String addedOrder;

    JdbcLifecycleStore(Database database, JdbcAdmissionQueue queue) {
        this.database = database;
        this.queue = queue;
        boolean postgres = database.dialect() == Dialect.POSTGRES;
        this.byId = postgres ? " COLLATE \"C\"" : "";
        this.addedOrder = postgres ? "seq" : "rowid";
    }

    @Override
    public void addDependencies(List<DependencyRecord> dependencies) {
        if (dependencies.isEmpty()) {
            return;
        }
        database.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(INSERT_DEPENDENCY);
                 PreparedStatement gate = c.prepareStatement("UPDATE wf_instances SET gated = TRUE WHERE id = ?")) {
                Set<String> dependents = new LinkedHashSet<>();
                for (DependencyRecord d : dependencies) {
                    insert.setString(1, d.targetKey());
                    insert.setString(2, d.dependentId());
                    insert.setString(3, d.targetInstanceId());
                    insert.setString(4, d.targetWorkflowId());
                    insert.setString(5, d.correlationKey());
                    insert.setString(6, d.condition().name());
                    insert.setString(7, d.onUnmet().name());
                    Micros.set(insert, 8, d.waitUntil());
                    Micros.set(insert, 9, d.addedAt());
                    Micros.set(insert, 10, d.satisfiedAt());
                    // one at a time: a batch would fail whole on PostgreSQL if two records shared a target
                    insert.executeUpdate();
                    dependents.add(d.dependentId());
                }
                for (String id : dependents) {
                    gate.setString(1, id);
                    gate.addBatch();
                }
                gate.executeBatch();
            }
            return null;
        });
    }

    @Override
    public List<DependencyRecord> dependencies(String dependentId) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + DEPENDENCY_COLUMNS
                    + " FROM wf_dependencies WHERE dependent_id = ? ORDER BY " + addedOrder)) {
                s.setString(1, dependentId);
                List<DependencyRecord> out = new ArrayList<>();
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        out.add(new DependencyRecord(rows.getString("dependent_id"), rows.getString("target_instance_id"),
                                rows.getString("target_workflow_id"), rows.getString("correlation_key"),
                                DependencyCondition.valueOf(rows.getString("condition")),
                                UnmetDependencyPolicy.valueOf(rows.getString("on_unmet")), Micros.get(rows, "wait_until"),
                                Micros.get(rows, "added_at"), Micros.get(rows, "satisfied_at")));
                    }
                }
                return out;
            }
        });
    }

    @Override
    public Set<String> dependents(String targetInstanceId, String targetWorkflowId, String targetReference) {
        // an instance dependency names its target by id; a workflow dependency by workflow and (maybe) reference
        return new LinkedHashSet<>(strings("SELECT DISTINCT d.dependent_id " + WAITING + """
                 AND d.target_workflow_id = ?
                 AND (d.target_instance_id = ?
                      OR (d.target_instance_id IS NULL AND (d.correlation_key IS NULL OR d.correlation_key = ?)))""",
                targetWorkflowId, targetInstanceId, targetReference));
    }

    @Override
    public Set<String> targetWorkflows() {
        return new HashSet<>(strings("SELECT DISTINCT target_workflow_id FROM wf_dependencies WHERE satisfied_at IS NULL"));
    }

    @Override
    public List<String> waitingDependents(String afterId, int limit) {
        String after = afterId == null ? "" : " AND d.dependent_id" + byId + " > ?";
        String sql = "SELECT DISTINCT d.dependent_id" + byId + " AS id " + WAITING + after + " ORDER BY id LIMIT "
                + limit;
        return afterId == null ? strings(sql) : strings(sql, afterId);
    }

    @Override
    public Set<String> timedOutDependents(Instant now, int limit) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT d.dependent_id " + PARKED_WITH_TIMEOUT
                    + " AND d.wait_until <= ? GROUP BY d.dependent_id ORDER BY min(d.wait_until) LIMIT ?")) {
                s.setLong(1, Micros.of(now));
                s.setInt(2, limit);
                return new LinkedHashSet<>(column(s));
            }
        });
    }

    @Override
    public Optional<Instant> nextWaitTimeout(Instant after) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT min(d.wait_until) AS next " + PARKED_WITH_TIMEOUT
                    + " AND d.wait_until > ?")) {
                s.setLong(1, Micros.of(after));
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.ofNullable(Micros.get(rows, "next")) : Optional.empty();
                }
            }
        });
    }

    @Override
    public void satisfy(String dependentId, Instant at) {
        database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE wf_dependencies SET satisfied_at = ? WHERE dependent_id = ? AND satisfied_at IS NULL")) {
                s.setLong(1, Micros.of(at));
                s.setString(2, dependentId);
                return s.executeUpdate();
            }
        });
    }

    @Override
    public int deleteDependencies(Set<String> dependentIds) {
        if (dependentIds.isEmpty()) {
            return 0;
        }
        return database.transaction(c -> deleteEach(c, "DELETE FROM wf_dependencies WHERE dependent_id = ?", dependentIds)
                + deleteEach(c, "DELETE FROM wf_admission_queue WHERE instance_id = ?", dependentIds));
    }

    private static int deleteEach(Connection c, String sql, Set<String> ids) throws SQLException {
        int removed = 0;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (String id : ids) {
                s.setString(1, id);
                removed += s.executeUpdate();
            }
        }
        return removed;
    }

    @Override
    public int deleteOrphans(Instant addedBefore) {
        return database.transaction(c -> {
            int removed;
            // all of a dependent's rows must be old: a start writes them just before it inserts the instance
            try (PreparedStatement s = c.prepareStatement("""
                    DELETE FROM wf_dependencies WHERE dependent_id IN (
                        SELECT d.dependent_id FROM wf_dependencies d
                        WHERE NOT EXISTS (SELECT 1 FROM wf_instances i WHERE i.id = d.dependent_id)
                        GROUP BY d.dependent_id HAVING max(d.added_at) < ?)""")) {
                s.setLong(1, Micros.of(addedBefore));
                removed = s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("""
                    DELETE FROM wf_admission_queue WHERE NOT EXISTS (SELECT 1 FROM wf_instances i
                        WHERE i.id = wf_admission_queue.instance_id AND i.status = 'PENDING')""")) {
                removed += s.executeUpdate();
            }
            return removed;
        });
    }

    @Override
    public Admission admit(InstanceStore.InstanceCommit started, AdmissionRequest request) {
        return queue.admit(started, request);
    }

    @Override
    public List<String> wakeQueued(String workflowId, int limit, int max, Instant now) {
        return queue.wakeQueued(workflowId, limit, max, now);
    }

    @Override
    public Set<String> queuedWorkflows() {
        return queue.queuedWorkflows();
    }

    @Override
    public Map<String, Long> queuedByWorkflow() {
        return queue.queuedByWorkflow();
    }

    @Override
    public Map<String, Long> runningByWorkflow() {
        return counts("SELECT workflow_id, count(*) FROM wf_instances WHERE status = 'RUNNING' GROUP BY workflow_id");
    }

    @Override
    public int wake(Set<String> instanceIds, Instant at) {
        return queue.wake(instanceIds, at);
    }

    @Override
    public List<String> finishedBefore(WorkflowStatus status, Instant cutoff, int limit) {
        boolean anyAge = status == WorkflowStatus.CLEANING_UP;
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id FROM wf_instances WHERE status = ?"
                    + (anyAge ? "" : " AND completed_at < ?") + " ORDER BY completed_at NULLS FIRST, id" + byId
                    + " LIMIT ?")) {
                int p = 1;
                s.setString(p++, status.name());
                if (!anyAge) {
                    s.setLong(p++, Micros.of(cutoff));
                }
                s.setInt(p, limit);
                return column(s);
            }
        });
    }

    @Override
    public List<StatusFigures> statistics() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT workflow_id, status, count(*) AS n,"
                    + " sum(CASE WHEN " + TIMED + " THEN completed_at - started_at ELSE 0 END) AS total,"
                    + " max(CASE WHEN " + TIMED + " THEN completed_at - started_at ELSE 0 END) AS longest,"
                    + " sum(CASE WHEN " + TIMED + " THEN 1 ELSE 0 END) AS timed"
                    + " FROM wf_instances GROUP BY workflow_id, status");
                 ResultSet rows = s.executeQuery()) {
                List<StatusFigures> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(new StatusFigures(rows.getString("workflow_id"), WorkflowStatus.valueOf(rows.getString("status")),
                            rows.getLong("n"), Duration.of(rows.getLong("total"), ChronoUnit.MICROS),
                            Duration.of(rows.getLong("longest"), ChronoUnit.MICROS), rows.getLong("timed")));
                }
                return out;
            }
        });
    }

    @Override
    public Map<String, Long> waitingByWorkflow() {
        return counts("SELECT i.workflow_id, count(DISTINCT i.id) " + WAITING + " GROUP BY i.workflow_id");
    }

    private Map<String, Long> counts(String sql) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rows = s.executeQuery()) {
                Map<String, Long> out = new HashMap<>();
                while (rows.next()) {
                    out.put(rows.getString(1), rows.getLong(2));
                }
                return out;
            }
        });
    }

    private List<String> strings(String sql, String... parameters) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setString(i + 1, parameters[i]);
                }
                return column(s);
            }
        });
    }

    private static List<String> column(PreparedStatement s) throws SQLException {
        List<String> out = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                out.add(rows.getString(1));
            }
        }
        return out;
    }
}
