package io.reactory.workflow.persistence.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done with one connection, inside a transaction or in auto-commit mode. */
@FunctionalInterface
public interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
}
