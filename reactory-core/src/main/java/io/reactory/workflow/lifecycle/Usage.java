package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.StepKind;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.definition.WorkflowRegistry;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.LifecycleStore;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/** Resource usage of one instance and the statistics over all, computed from what the store keeps. */
final class Usage {
    private Usage() {}

    static ResourceUsage of(WorkflowInstance i, WorkflowRegistry registry, Limits limits, Instant now) {
        WorkflowDefinition definition = registry.find(i.workflowId, i.version).orElse(null);
        Duration wall = i.startedAt == null ? Duration.ZERO
                : Duration.between(i.startedAt, i.completedAt != null ? i.completedAt : now);
        Duration stepTime = Duration.ZERO;
        long retries = 0;
        for (ExecutionPointer p : i.pointers) {
            boolean task = definition == null || definition.step(p.stepId).kind() instanceof StepKind.Task;
            if (!task) {
                continue;
            }
            if (p.startedAt != null && p.endedAt != null) {
                stepTime = stepTime.plus(Duration.between(p.startedAt, p.endedAt));
            }
            retries += p.status == PointerStatus.FAILED ? Math.max(0, p.failures - 1) : p.failures;
        }
        long dataSize = i.data == null ? 0 : i.data.json().length;
        ResourceLimits resources = limits.resources(i.workflowId);
        ResourceLimits effective = resources == null ? ResourceLimits.NONE : resources;
        ResourceLimitExceededException exceeded = effective.exceeded(i.id, i.stepsExecuted, dataSize);
        return new ResourceUsage(i.id, i.workflowId, i.status, wall, stepTime, i.stepsExecuted, retries, dataSize,
                effective, exceeded == null ? null : exceeded.getMessage());
    }

    static LifecycleStats stats(LifecycleStore store, Limits limits) {
        Map<WorkflowStatus, Long> byStatus = new EnumMap<>(WorkflowStatus.class);
        Map<String, Map<WorkflowStatus, Long>> byWorkflow = new TreeMap<>();
        Map<String, long[]> times = new HashMap<>();
        for (LifecycleStore.StatusFigures f : store.statistics()) {
            byStatus.merge(f.status(), f.count(), Long::sum);
            byWorkflow.computeIfAbsent(f.workflowId(), k -> new EnumMap<>(WorkflowStatus.class)).put(f.status(), f.count());
            if (f.timed() > 0) {
                long[] t = times.computeIfAbsent(f.workflowId(), k -> new long[3]);
                t[0] += f.timed();
                t[1] += f.runTimeTotal().toNanos();
                t[2] = Math.max(t[2], f.runTimeMax().toNanos());
            }
        }
        Map<String, LifecycleStats.RunTimes> runTimes = new TreeMap<>();
        times.forEach((workflow, t) -> runTimes.put(workflow,
                new LifecycleStats.RunTimes(t[0], Duration.ofNanos(t[1] / t[0]), Duration.ofNanos(t[2]))));
        Map<String, Long> waiting = new TreeMap<>(store.waitingByWorkflow());
        Map<String, Long> queued = new TreeMap<>(store.queuedByWorkflow());
        return new LifecycleStats(byStatus, byWorkflow, runTimes, sum(waiting), waiting, sum(queued), queued,
                new TreeMap<>(store.runningByWorkflow()), new TreeMap<>(limits.concurrency()), limits.globalConcurrency());
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }
}
