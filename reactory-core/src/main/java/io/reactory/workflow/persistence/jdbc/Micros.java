package io.reactory.workflow.persistence.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as epoch microseconds, the representation of every engine-computed time column (both dialects): exact
 * for what {@code Instant} values the engine produces from a microsecond clock, cheap to index and compare.
 */
public final class Micros {
    private Micros() {}

    public static long of(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    public static Instant instant(long micros) {
        return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    }

    /** Binds an instant, or SQL NULL for null. */
    public static void set(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (instant == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, of(instant));
        }
    }

    /** Reads an instant column that may be NULL. */
    public static Instant get(ResultSet rows, String column) throws SQLException {
        long micros = rows.getLong(column);
        return rows.wasNull() ? null : instant(micros);
    }
}
