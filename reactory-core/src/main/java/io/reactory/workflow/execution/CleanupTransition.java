package io.reactory.workflow.execution;

import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowRegistry;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The engine's side of cleanup: a finished instance goes to CLEANING_UP in a committed, fenced transition. */
final class CleanupTransition {
    private CleanupTransition() {}

    /** See {@link LocalWorkflowRunner#beginCleanup(String)}; {@code committed} reports the change to listeners. */
    static boolean begin(String instanceId, InstanceStore instances, WorkflowRegistry registry, Clock clock,
                         RunnerOptions options, Consumer<Round> committed) {
        Optional<InstanceStore.Claim> claim = instances.claimById(instanceId, options.nodeId(), options.leaseDuration(),
                clock.instant());
        if (claim.isEmpty()) {
            return false;
        }
        WorkflowInstance held = claim.get().instance();
        if (held.status == WorkflowStatus.CLEANING_UP || !held.status.isFinished()) {
            instances.renewLeases(options.nodeId(), Map.of(held.id, held.leaseEpoch), Duration.ZERO, clock.instant());
            return held.status == WorkflowStatus.CLEANING_UP;
        }
        Round round = new Round(held, registry.find(held.workflowId, held.version).orElse(null), clock.instant());
        round.setStatus(WorkflowStatus.CLEANING_UP);
        held.nextExecution = null;
        if (options.lifecycleOutbox()) {
            round.prepareOutbox();
        }
        boolean ok = instances.commit(List.of(new InstanceStore.InstanceCommit(held, true, List.of(), false)
                .withOutbox(round.outbox))).get(0).committed();
        if (ok) {
            committed.accept(round);
        }
        return ok;
    }
}
