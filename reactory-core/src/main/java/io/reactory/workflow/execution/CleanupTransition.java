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
import org.slf4j.LoggerFactory;

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
        boolean stored = false;
        Round round = null;
        try {
            if (held.status == WorkflowStatus.CLEANING_UP || !held.status.isFinished()) {
                return held.status == WorkflowStatus.CLEANING_UP;
            }
            round = new Round(held, registry.find(held.workflowId, held.version).orElse(null), clock.instant());
            round.setStatus(WorkflowStatus.CLEANING_UP);
            held.nextExecution = null;
            if (options.lifecycleOutbox()) {
                round.prepareOutbox();
            }
            stored = instances.commit(List.of(new InstanceStore.InstanceCommit(held, true, List.of(), false)
                    .withOutbox(round.outbox))).get(0).committed();
        } finally {
            if (!stored) {
                // nothing to do, refused or failed between claim and commit: the lease goes back at once
                giveBack(instances, options, clock, held);
            }
        }
        if (!stored) {
            return false;
        }
        committed.accept(round);
        return true;
    }

    private static void giveBack(InstanceStore instances, RunnerOptions options, Clock clock, WorkflowInstance held) {
        try {
            instances.renewLeases(options.nodeId(), Map.of(held.id, held.leaseEpoch), Duration.ZERO, clock.instant());
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(CleanupTransition.class).warn(
                    "could not give back the lease of instance {}; it expires after {}: {}", held.id,
                    options.leaseDuration(), e.toString());
        }
    }
}
