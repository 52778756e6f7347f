package io.reactory.workflow.persistence.jdbc;

import java.sql.SQLException;

/**
 * Runs a transaction again when PostgreSQL aborted it for a deadlock or a serialisation failure: writers that touch
 * the same rows in different orders (a batch commit and an event delivery) can meet, and the one PostgreSQL picks
 * as victim rolled back whole, so running it again is safe.
 */
final class Conflicts {
    private static final int ATTEMPTS = 5;

    private Conflicts() {}

    static <T> T retry(Database database, SqlWork<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return database.transaction(work);
            } catch (StoreException e) {
                if (attempt >= ATTEMPTS || !retryable(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean retryable(StoreException e) {
        if (e.getCause() instanceof SQLException sql) {
            String state = sql.getSQLState();
            return "40P01".equals(state) || "40001".equals(state);
        }
        return false;
    }
}
