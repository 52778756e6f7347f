package io.reactory.workflow.persistence.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.persistence.ScheduleFire;
import io.reactory.workflow.persistence.StoredSchedule;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Schedules and fire records to and from the columns of {@code schedules} and {@code schedule_fires}, in the order
 * of {@link JdbcScheduleStore#SCHEDULE_COLUMNS} and {@link JdbcScheduleStore#FIRE_COLUMNS}. The configuration is kept
 * as the JSON of its record, so it comes back equal.
 */
final class ScheduleRows {
    private ScheduleRows() {}

    /** Binds every column of a schedule but its id and revision, from {@code index}; returns the next index. */
    static int bindSchedule(PreparedStatement s, int index, StoredSchedule schedule) throws SQLException {
        int i = index;
        s.setString(i++, definitionJson(schedule.config));
        s.setString(i++, schedule.config == null || schedule.config.workflow() == null
                ? null : schedule.config.workflow().id());
        s.setLong(i++, schedule.definitionVersion);
        s.setBoolean(i++, schedule.paused);
        Micros.set(s, i++, schedule.nextFireTime);
        Micros.set(s, i++, schedule.lastFireTime);
        s.setString(i++, schedule.lastOutcome == null ? null : schedule.lastOutcome.name());
        Micros.set(s, i++, schedule.lastOutcomeFireTime);
        s.setString(i++, schedule.lastError);
        s.setInt(i++, schedule.consecutiveFailures);
        s.setLong(i++, schedule.fired);
        s.setLong(i++, schedule.skipped);
        Micros.set(s, i++, schedule.createdAt);
        Micros.set(s, i++, schedule.updatedAt);
        return i;
    }

    /** Binds every column of a fire record but its key and revision, from {@code index}; returns the next index. */
    static int bindFireState(PreparedStatement s, int index, ScheduleFire fire) throws SQLException {
        int i = index;
        s.setString(i++, fire.state.name());
        s.setInt(i++, fire.attempt);
        s.setString(i++, fire.instanceId);
        s.setString(i++, fire.owner);
        Micros.set(s, i++, fire.checkAt);
        Micros.set(s, i++, fire.attemptStartAt);
        Micros.set(s, i++, fire.deadline);
        s.setBoolean(i++, fire.timedOut);
        s.setString(i++, fire.error);
        Micros.set(s, i++, fire.createdAt);
        Micros.set(s, i++, fire.finishedAt);
        return i;
    }

    static List<StoredSchedule> schedules(PreparedStatement query) throws SQLException {
        List<StoredSchedule> result = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                StoredSchedule s = new StoredSchedule();
                s.id = rows.getString("id");
                s.config = definition(rows.getString("definition"));
                s.definitionVersion = rows.getLong("definition_version");
                s.paused = rows.getBoolean("paused");
                s.nextFireTime = Micros.get(rows, "next_fire_at");
                s.lastFireTime = Micros.get(rows, "last_fire_at");
                String outcome = rows.getString("last_outcome");
                s.lastOutcome = outcome == null ? null : ScheduleFire.State.valueOf(outcome);
                s.lastOutcomeFireTime = Micros.get(rows, "last_outcome_fire_at");
                s.lastError = rows.getString("last_error");
                s.consecutiveFailures = rows.getInt("consecutive_failures");
                s.fired = rows.getLong("fired");
                s.skipped = rows.getLong("skipped");
                s.createdAt = Micros.get(rows, "created_at");
                s.updatedAt = Micros.get(rows, "updated_at");
                s.revision = rows.getLong("revision");
                result.add(s);
            }
        }
        return result;
    }

    static List<ScheduleFire> fires(PreparedStatement query) throws SQLException {
        List<ScheduleFire> result = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ScheduleFire f = new ScheduleFire();
                f.scheduleId = rows.getString("schedule_id");
                f.fireTime = Micros.get(rows, "fire_at");
                f.state = ScheduleFire.State.valueOf(rows.getString("state"));
                f.attempt = rows.getInt("attempt");
                f.instanceId = rows.getString("instance_id");
                f.owner = rows.getString("owner");
                f.checkAt = Micros.get(rows, "check_at");
                f.attemptStartAt = Micros.get(rows, "attempt_start_at");
                f.deadline = Micros.get(rows, "deadline");
                f.timedOut = rows.getBoolean("timed_out");
                f.error = rows.getString("error");
                f.createdAt = Micros.get(rows, "created_at");
                f.finishedAt = Micros.get(rows, "finished_at");
                f.revision = rows.getLong("revision");
                result.add(f);
            }
        }
        return result;
    }

    static String definitionJson(ScheduleConfig config) {
        try {
            return Json.mapper().writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("schedule configuration cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static ScheduleConfig definition(String json) {
        try {
            return Json.mapper().readValue(json, ScheduleConfig.class);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored schedule configuration is not readable: " + e.getOriginalMessage(), e);
        }
    }
}
