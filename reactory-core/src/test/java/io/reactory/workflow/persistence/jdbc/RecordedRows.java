package io.reactory.workflow.persistence.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link CommitRows} that keeps the rows it is given in memory, for tests of the instance store on its own (the
 * error and outbox stores' tables are theirs). It refuses rows given outside a transaction: they must join the
 * instance commit's.
 */
final class RecordedRows<T> implements CommitRows<T> {
    private final List<T> rows = new ArrayList<>();

    @Override
    public synchronized void insert(Connection connection, List<T> batch) throws SQLException {
        if (connection.getAutoCommit()) {
            throw new IllegalStateException("commit rows given outside a transaction");
        }
        rows.addAll(batch);
    }

    synchronized List<T> rows() {
        return List.copyOf(rows);
    }
}
