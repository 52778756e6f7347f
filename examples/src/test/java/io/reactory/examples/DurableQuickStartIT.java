package io.reactory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's SQLite example: the started order is in the file after the runner and the store closed. */
class DurableQuickStartIT {

    @Test
    void the_order_outlives_its_runner_in_the_sqlite_file(@TempDir Path folder) {
        String id = QuickStart.runDurably(folder);

        try (WorkflowStore reopened = WorkflowStores.sqlite(folder.resolve("reactory.db"))) {
            var stored = reopened.instances().find(id).orElseThrow();
            assertThat(stored.workflowId).isEqualTo("order");
            assertThat(stored.status).isIn(WorkflowStatus.PENDING, WorkflowStatus.RUNNING);
        }
    }
}
