package io.reactory.workflow.persistence.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Keeps PostgreSQL on the index plans the hot statements (claims, batch commits, renewals) are written for, for the
 * rest of the transaction. Their prepared statements are planned once per connection and the plan is kept until the
 * table is analysed again: planned while the table was small (a new database, a burst of starts), PostgreSQL picks
 * sequential and bitmap scans that then read the whole table on every claim as it grows. Every table these statements
 * touch has the index they need, so turning the other scans off costs nothing when the statistics are right.
 */
final class IndexPlans {
    private static final String PIN = """
            SELECT set_config('enable_seqscan', 'off', true), set_config('enable_bitmapscan', 'off', true)""";

    private IndexPlans() {}

    /** On PostgreSQL, turns sequential and bitmap scans off until the transaction ends (no-op on SQLite). */
    static void pin(Connection c, Dialect dialect) throws SQLException {
        if (dialect != Dialect.POSTGRES) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(PIN)) {
            s.executeQuery().close();
        }
    }
}
