package io.reactory.workflow.persistence.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;

/**
 * The "now" that lease expiry and heartbeats are judged by ({@link DatabaseOptions.LeaseClock}), as the first clause
 * of a statement: {@code WITH clock AS (SELECT <now> AS now)}, so a statement reads it once and refers to it as
 * {@link #NOW}. PostgreSQL's database clock is {@code clock_timestamp()}; SQLite's is the clock of the one process
 * that owns the file; with {@link DatabaseOptions.LeaseClock#ENGINE} it is the {@code now} the engine passed.
 */
final class LeaseTime {
    /** Refers to the statement's clock. */
    static final String NOW = "(SELECT now FROM clock)";
    private static final String PG_NOW = "CAST(floor(extract(epoch FROM clock_timestamp()) * 1000000) AS bigint)";

    private final Dialect dialect;
    private final DatabaseOptions.LeaseClock mode;
    private final Clock processClock;

    LeaseTime(Dialect dialect, DatabaseOptions.LeaseClock mode, Clock processClock) {
        this.dialect = dialect;
        this.mode = mode;
        this.processClock = processClock;
    }

    /** The clause to start a statement with. */
    String with() {
        if (boundNow()) {
            return dialect == Dialect.POSTGRES ? "WITH clock AS (SELECT CAST(? AS bigint) AS now) "
                    : "WITH clock AS (SELECT ? AS now) ";
        }
        return "WITH clock AS (SELECT " + PG_NOW + " AS now) ";
    }

    /**
     * Binds the clock's parameter, if the statement has one, at index 1.
     *
     * @return the index of the statement's next parameter
     */
    int bind(PreparedStatement statement, Instant engineNow) throws SQLException {
        if (!boundNow()) {
            return 1;
        }
        statement.setLong(1, Micros.of(mode == DatabaseOptions.LeaseClock.ENGINE ? engineNow : processClock.instant()));
        return 2;
    }

    /** Whether the statement's clock is a parameter (everywhere but PostgreSQL's own clock). */
    private boolean boundNow() {
        return mode == DatabaseOptions.LeaseClock.ENGINE || dialect == Dialect.SQLITE;
    }

    DatabaseOptions.LeaseClock mode() {
        return mode;
    }
}
