package io.reactory.workflow.persistence.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows that belong to an instance commit (error records, outbox messages), inserted on the commit's connection so
 * they are stored in its transaction, and not at all when it is refused or rolled back.
 */
@FunctionalInterface
public interface CommitRows<T> {
    void insert(Connection connection, List<T> rows) throws SQLException;
}
