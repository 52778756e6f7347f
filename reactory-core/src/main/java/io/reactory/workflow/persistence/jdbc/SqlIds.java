package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.internal.Json;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * A list of keys bound as one parameter, so a batch touches all its rows with one statement whatever its size:
 * a PostgreSQL array ({@code = ANY(?)}), or on SQLite a JSON array read by {@code json_each}.
 */
final class SqlIds {
    private final Dialect dialect;

    SqlIds(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The condition "{@code column} is one of the bound keys", with one parameter. */
    String in(String column) {
        return dialect == Dialect.POSTGRES ? column + " = ANY(?)" : column + " IN (SELECT value FROM json_each(?))";
    }

    void bindText(PreparedStatement statement, int index, Collection<String> ids) throws SQLException {
        if (dialect == Dialect.POSTGRES) {
            Array array = statement.getConnection().createArrayOf("text", ids.toArray());
            statement.setArray(index, array);
        } else {
            statement.setString(index, json(ids));
        }
    }

    void bindLongs(PreparedStatement statement, int index, Collection<Long> ids) throws SQLException {
        if (dialect == Dialect.POSTGRES) {
            Array array = statement.getConnection().createArrayOf("bigint", ids.toArray());
            statement.setArray(index, array);
        } else {
            statement.setString(index, json(ids));
        }
    }

    private static String json(Collection<?> ids) {
        try {
            return Json.mapper().writeValueAsString(ids);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("keys cannot be written as JSON", e);
        }
    }
}
