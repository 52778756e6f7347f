package io.reactory.workflow.persistence.jdbc.durability;

import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.TestDatabases;

/** The crash test on PostgreSQL. */
class PostgresCrashIT extends CrashScenario {
    @Override
    DatabaseOptions database() {
        return TestDatabases.postgres();
    }
}
