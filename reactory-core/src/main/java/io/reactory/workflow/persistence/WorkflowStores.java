package io.reactory.workflow.persistence;

import io.reactory.workflow.persistence.jdbc.Database;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.JdbcWorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import java.nio.file.Path;

/** Opens the stores: in memory, an embedded SQLite file, or PostgreSQL. */
public final class WorkflowStores {
    /** Where the embedded store lives unless told otherwise. */
    public static final Path DEFAULT_SQLITE_FILE = Path.of("data", "reactory.db");

    private WorkflowStores() {}

    public static WorkflowStore inMemory() {
        return new InMemoryWorkflowStore();
    }

    /** The embedded SQLite store in {@code file}, created and migrated when needed. */
    public static WorkflowStore sqlite(Path file) {
        return open(DatabaseOptions.sqlite(file));
    }

    /** The PostgreSQL store at {@code url}, its schema migrated when needed. */
    public static WorkflowStore postgres(String url, String user, String password) {
        return open(DatabaseOptions.postgres(url, user, password));
    }

    public static WorkflowStore open(DatabaseOptions options) {
        return new JdbcWorkflowStore(Database.open(options));
    }
}
