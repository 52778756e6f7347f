package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.ScheduleFire;
import io.reactory.workflow.persistence.ScheduleStore;
import io.reactory.workflow.persistence.ScheduleWrite;
import io.reactory.workflow.persistence.StoredSchedule;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Schedules and fire records in the tables of {@code V20__schedules.sql}. Every write is one transaction whose
 * updates carry {@code revision = ?} in their {@code WHERE}: a row that another node changed meanwhile updates
 * nothing, and the whole write is rolled back as a conflict. On PostgreSQL a second writer of the same row waits for
 * the first one's commit and then finds the revision moved. Fire records are inserted with
 * {@code ON CONFLICT DO NOTHING} on their primary key (schedule id, fire time): however many nodes fire a time, one
 * insert goes in, and that is the one run of that time. Thread-safe.
 */
final class JdbcScheduleStore implements ScheduleStore {
    static final String SCHEDULE_COLUMNS = """
            id, definition, workflow_id, definition_version, paused, next_fire_at, last_fire_at, last_outcome,
            last_outcome_fire_at, last_error, consecutive_failures, fired, skipped, created_at, updated_at, revision""";
    static final String FIRE_COLUMNS = """
            schedule_id, fire_at, state, attempt, instance_id, owner, check_at, attempt_start_at, deadline, timed_out,
            error, created_at, finished_at, revision""";
    private static final String OPEN_STATES = "('STARTING', 'RUNNING', 'BUFFERED')";

    private final Database database;
    /** Ordering by id as Java orders strings (byte order), whatever the database's collation. */
    private final String byId;
    /** The condition of the partial index {@code schedules_due}, spelt as the planner needs to use the index. */
    private final String active;
    private final String insertSchedule;
    private final String updateSchedule;

    JdbcScheduleStore(Database database) {
        this.database = database;
        boolean postgres = database.dialect() == Dialect.POSTGRES;
        this.byId = postgres ? "COLLATE \"C\"" : "";
        this.active = postgres ? "NOT paused AND next_fire_at IS NOT NULL" : "paused = 0 AND next_fire_at IS NOT NULL";
        String definition = postgres ? "CAST(? AS jsonb)" : "?";
        this.insertSchedule = "INSERT INTO schedules (" + SCHEDULE_COLUMNS + ") VALUES (?, " + definition
                + ", ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (id) DO NOTHING";
        this.updateSchedule = "UPDATE schedules SET definition = " + definition + """
                , workflow_id = ?, definition_version = ?, paused = ?, next_fire_at = ?, last_fire_at = ?,
                last_outcome = ?, last_outcome_fire_at = ?, last_error = ?, consecutive_failures = ?, fired = ?,
                skipped = ?, created_at = ?, updated_at = ?, revision = revision + 1
                WHERE id = ? AND revision = ?""";
    }

    @Override
    public boolean insert(StoredSchedule schedule) {
        return database.transaction(c -> {
            try (PreparedStatement insert = c.prepareStatement(insertSchedule)) {
                insert.setString(1, schedule.id);
                ScheduleRows.bindSchedule(insert, 2, schedule);
                return insert.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<StoredSchedule> find(String scheduleId) {
        return database.read(c -> findSchedule(c, scheduleId));
    }

    @Override
    public List<StoredSchedule> findAll() {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT " + SCHEDULE_COLUMNS + " FROM schedules ORDER BY id " + byId)) {
                return ScheduleRows.schedules(query);
            }
        });
    }

    @Override
    public List<StoredSchedule> findDue(Instant now, int limit) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + SCHEDULE_COLUMNS + " FROM schedules WHERE "
                    + active + " AND next_fire_at <= ? ORDER BY next_fire_at, id " + byId + " LIMIT ?")) {
                query.setLong(1, Micros.of(now));
                query.setInt(2, limit);
                return ScheduleRows.schedules(query);
            }
        });
    }

    @Override
    public Optional<Instant> nextFireTime() {
        return database.read(c -> earliest(c, "SELECT min(next_fire_at) FROM schedules WHERE " + active));
    }

    @Override
    public Set<String> workflowIds() {
        return database.read(c -> {
            Set<String> ids = new HashSet<>();
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT DISTINCT workflow_id FROM schedules WHERE workflow_id IS NOT NULL");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    ids.add(rows.getString(1));
                }
            }
            return ids;
        });
    }

    @Override
    public boolean delete(String scheduleId) {
        return database.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM schedules WHERE id = ?")) {
                delete.setString(1, scheduleId);
                return delete.executeUpdate() == 1;
            }
        });
    }

    @Override
    public ScheduleWrite.Result write(ScheduleWrite write) {
        return database.transaction(c -> {
            Savepoint start = c.setSavepoint();
            StoredSchedule writtenSchedule = null;
            if (write.schedule() != null) {
                if (!updateSchedule(c, write.schedule())) {
                    return conflict(c, start);
                }
                writtenSchedule = write.schedule().copy();
                writtenSchedule.revision = write.schedule().revision + 1;
            }
            List<ScheduleFire> updated = new ArrayList<>(write.updates().size());
            if (!write.updates().isEmpty()) {
                try (PreparedStatement update = c.prepareStatement("""
                        UPDATE schedule_fires SET state = ?, attempt = ?, instance_id = ?, owner = ?, check_at = ?,
                        attempt_start_at = ?, deadline = ?, timed_out = ?, error = ?, created_at = ?, finished_at = ?,
                        revision = revision + 1
                        WHERE schedule_id = ? AND fire_at = ? AND revision = ?""")) {
                    for (ScheduleFire fire : write.updates()) {
                        int i = ScheduleRows.bindFireState(update, 1, fire);
                        update.setString(i++, fire.scheduleId);
                        update.setLong(i++, Micros.of(fire.fireTime));
                        update.setLong(i, fire.revision);
                        if (update.executeUpdate() != 1) {
                            return conflict(c, start);
                        }
                        ScheduleFire stored = fire.copy();
                        stored.revision = fire.revision + 1;
                        updated.add(stored);
                    }
                }
            }
            List<ScheduleFire> inserted = new ArrayList<>(write.inserts().size());
            if (!write.inserts().isEmpty()) {
                // One statement per row: its update count says whether this node's insert is the one that went in
                // (batched counts are not reliable on PostgreSQL with rewritten batches).
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO schedule_fires (" + FIRE_COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (schedule_id, fire_at) DO NOTHING")) {
                    for (ScheduleFire fire : write.inserts()) {
                        insert.setString(1, fire.scheduleId);
                        insert.setLong(2, Micros.of(fire.fireTime));
                        ScheduleRows.bindFireState(insert, 3, fire);
                        if (insert.executeUpdate() == 1) {
                            ScheduleFire stored = fire.copy();
                            stored.revision = 1;
                            inserted.add(stored);
                        }
                    }
                }
            }
            return new ScheduleWrite.Result(true, writtenSchedule, inserted, updated);
        });
    }

    /**
     * Undoes what the write did so far, back to its savepoint rather than the whole transaction: on SQLite the
     * transaction may hold other callers' writes too (see {@link SqliteWrites}).
     */
    private static ScheduleWrite.Result conflict(Connection c, Savepoint start) throws SQLException {
        c.rollback(start);
        return ScheduleWrite.Result.CONFLICT;
    }

    private boolean updateSchedule(Connection c, StoredSchedule schedule) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(updateSchedule)) {
            int i = ScheduleRows.bindSchedule(update, 1, schedule);
            update.setString(i++, schedule.id);
            update.setLong(i, schedule.revision);
            return update.executeUpdate() == 1;
        }
    }

    @Override
    public Optional<ScheduleFire> findFire(String scheduleId, Instant fireTime) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT " + FIRE_COLUMNS + " FROM schedule_fires WHERE schedule_id = ? AND fire_at = ?")) {
                query.setString(1, scheduleId);
                query.setLong(2, Micros.of(fireTime));
                return ScheduleRows.fires(query).stream().findFirst();
            }
        });
    }

    @Override
    public Optional<ScheduleFire> findFireByInstance(String instanceId) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT " + FIRE_COLUMNS + " FROM schedule_fires WHERE instance_id = ? LIMIT 1")) {
                query.setString(1, instanceId);
                return ScheduleRows.fires(query).stream().findFirst();
            }
        });
    }

    @Override
    public List<ScheduleFire> findFires(String scheduleId, Set<ScheduleFire.State> states, int limit) {
        if (states.isEmpty()) {
            return List.of();
        }
        String in = states.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + FIRE_COLUMNS
                    + " FROM schedule_fires WHERE schedule_id = ? AND state IN " + in + " ORDER BY fire_at LIMIT ?")) {
                query.setString(1, scheduleId);
                query.setInt(2, limit);
                return ScheduleRows.fires(query);
            }
        });
    }

    @Override
    public List<ScheduleFire> findFiresDue(Instant now, int limit) {
        return database.read(c -> {
            try (PreparedStatement query = c.prepareStatement("SELECT " + FIRE_COLUMNS
                    + " FROM schedule_fires WHERE check_at IS NOT NULL AND check_at <= ?"
                    + " ORDER BY check_at, schedule_id " + byId + ", fire_at LIMIT ?")) {
                query.setLong(1, Micros.of(now));
                query.setInt(2, limit);
                return ScheduleRows.fires(query);
            }
        });
    }

    @Override
    public Optional<Instant> nextFireCheck() {
        return database.read(c -> earliest(c, "SELECT min(check_at) FROM schedule_fires WHERE check_at IS NOT NULL"));
    }

    @Override
    public Map<ScheduleFire.State, Long> countOpenFires() {
        return database.read(c -> {
            Map<ScheduleFire.State, Long> counts = new EnumMap<>(ScheduleFire.State.class);
            try (PreparedStatement query = c.prepareStatement(
                    "SELECT state, count(*) FROM schedule_fires WHERE state IN " + OPEN_STATES + " GROUP BY state");
                 ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(ScheduleFire.State.valueOf(rows.getString(1)), rows.getLong(2));
                }
            }
            return counts;
        });
    }

    @Override
    public int pruneFires(Instant finishedBefore, int limit) {
        return database.transaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM schedule_fires"
                    + " WHERE (schedule_id, fire_at) IN (SELECT schedule_id, fire_at FROM schedule_fires"
                    + " WHERE finished_at IS NOT NULL AND finished_at < ? AND state NOT IN " + OPEN_STATES
                    + " ORDER BY finished_at LIMIT ?)")) {
                delete.setLong(1, Micros.of(finishedBefore));
                delete.setInt(2, limit);
                return delete.executeUpdate();
            }
        });
    }

    private Optional<StoredSchedule> findSchedule(Connection c, String scheduleId) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(
                "SELECT " + SCHEDULE_COLUMNS + " FROM schedules WHERE id = ?")) {
            query.setString(1, scheduleId);
            return ScheduleRows.schedules(query).stream().findFirst();
        }
    }

    private static Optional<Instant> earliest(Connection c, String sql) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(sql); ResultSet rows = query.executeQuery()) {
            rows.next();
            long micros = rows.getLong(1);
            return rows.wasNull() ? Optional.empty() : Optional.of(Micros.instant(micros));
        }
    }
}
