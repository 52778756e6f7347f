package io.reactory.workflow.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Both dialects' migrations apply to an empty database and again (a no-op) to a migrated one. */
class MigrationsIT {

    @Test
    void sqlite_schema_is_created_in_wal_mode_and_reopened() {
        DatabaseOptions options = TestDatabases.sqlite();
        try (Database db = Database.open(options)) {
            assertThat(tables(db)).contains("wf_instances", "wf_events", "error_records", "schedules", "wf_outbox",
                    "audit_log", "wf_admission_queue");
            assertThat(pragma(db, "journal_mode")).isEqualToIgnoringCase("wal");
            assertThat(pragma(db, "synchronous")).as("synchronous=FULL").isEqualTo("2");
        }
        try (Database again = Database.open(options)) {
            assertThat(tables(again)).contains("wf_instances");
        }
    }

    @Test
    void postgres_schema_is_created_and_reopened() {
        DatabaseOptions options = TestDatabases.postgres();
        try (Database db = Database.open(options)) {
            assertThat(tables(db)).contains("wf_instances", "wf_events", "error_records", "schedules", "wf_outbox",
                    "audit_log", "wf_admission_queue");
        }
        try (Database again = Database.open(options)) {
            assertThat(tables(again)).contains("wf_instances");
        }
    }

    private static String pragma(Database db, String name) {
        return db.read(c -> {
            try (ResultSet rows = c.createStatement().executeQuery("PRAGMA " + name)) {
                rows.next();
                return rows.getString(1);
            }
        });
    }

    private static List<String> tables(Database db) {
        return db.read(c -> {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = c.getMetaData().getTables(null, db.options().schema(), "%", new String[] {"TABLE"})) {
                while (rows.next()) {
                    names.add(rows.getString("TABLE_NAME").toLowerCase());
                }
            }
            return names;
        });
    }
}
