package io.reactory.workflow.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.testing.ManualClock;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A control operation claims the instance; when it fails before its commit, the lease goes back at once. */
class ControlLeaseTest {
    private final InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    private final ManualClock clock = ManualClock.startingAt2026();
    // the test kit's runner leases for a year: a lease kept after a failure would block the instance that long
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create(store, clock);

    /** Data no stored instance of "w" can be read as: its field has another type. */
    public static class Incompatible {
        public int trace;
    }

    @AfterEach
    void close() {
        env.close();
    }

    @Test
    void a_control_operation_that_fails_between_claim_and_commit_gives_the_lease_back() {
        env.runner().registerWorkflow(WorkflowDefinition.define("w", "1", TestData.class,
                b -> b.startWith("only", ctx -> ExecutionResult.next())));
        String id = env.runner().startWorkflow("w", null);
        env.runner().replaceWorkflow(WorkflowDefinition.define("w", "1", Incompatible.class,
                b -> b.startWith("only", ctx -> ExecutionResult.next())));

        assertThatThrownBy(() -> env.runner().pauseWorkflow(id)).isInstanceOf(IllegalArgumentException.class);

        assertThat(store.instances().claimById(id, "other-node", Duration.ofSeconds(30), clock.instant()))
                .as("another node can take the instance now").isPresent();
        assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.PENDING);
    }
}
