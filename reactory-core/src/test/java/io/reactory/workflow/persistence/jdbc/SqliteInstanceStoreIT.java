package io.reactory.workflow.persistence.jdbc;

/** The SQL instance store's own promises on a new SQLite file. */
class SqliteInstanceStoreIT extends JdbcInstanceStoreCases {
    @Override
    protected DatabaseOptions options() {
        return TestDatabases.sqlite();
    }
}
