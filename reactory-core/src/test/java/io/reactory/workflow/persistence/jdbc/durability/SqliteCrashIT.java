package io.reactory.workflow.persistence.jdbc.durability;

import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.TestDatabases;

/** The crash test on the embedded SQLite file. */
class SqliteCrashIT extends CrashScenario {
    @Override
    DatabaseOptions database() {
        return TestDatabases.sqlite();
    }
}
