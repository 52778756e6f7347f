package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.execution.LifecycleHooks.StartDecision;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The slow safety net behind the wake-ups: finds waiting instances whose dependencies now hold (or never will),
 * wakes queued instances where slots are free, removes orphaned rows, and finds RUNNING instances over their limits.
 * It only wakes instances: every change of state is made by the engine that claims them, so a sweep running on
 * several nodes at once is harmless.
 */
final class Sweeps {
    static final int WAKE_BATCH = 1000;
    private static final int PAGE = 500;
    private static final int MAX_PER_SWEEP = 10_000;
    /** Dependencies younger than this may belong to a start still in progress. */
    private static final Duration ORPHAN_GRACE = Duration.ofMinutes(10);

    private final LifecycleContext ctx;
    private String cursor;

    Sweeps(LifecycleContext ctx) {
        this.ctx = ctx;
    }

    /** One pass; returns how many instances it woke. */
    int run() {
        Instant now = ctx.clock.instant();
        Set<String> targets = ctx.lifecycle.targetWorkflows();
        ctx.targetWorkflows.addAll(targets);
        ctx.targetWorkflows.retainAll(targets);
        int woken = wakeDecidedDependents(now);
        woken += wakeQueues(now);
        ctx.lifecycle.deleteOrphans(now.minus(ORPHAN_GRACE));
        return woken;
    }

    private int wakeDecidedDependents(Instant now) {
        Set<String> decided = new LinkedHashSet<>();
        int seen = 0;
        while (seen < MAX_PER_SWEEP) {
            List<String> page = ctx.lifecycle.waitingDependents(cursor, PAGE);
            for (String id : page) {
                StartDecision decision = ctx.evaluator.decide(id, ctx.lifecycle.dependencies(id), now);
                if (!(decision instanceof StartDecision.Wait)) {
                    decided.add(id);
                }
            }
            seen += page.size();
            cursor = page.size() < PAGE ? null : page.get(page.size() - 1);
            if (cursor == null) {
                break;
            }
        }
        return decided.isEmpty() ? 0 : ctx.lifecycle.wake(decided, now);
    }

    private int wakeQueues(Instant now) {
        Limits limits = ctx.limits;
        int woken = 0;
        for (String workflowId : ctx.lifecycle.queuedWorkflows()) {
            woken += ctx.lifecycle.wakeQueued(workflowId, limits.concurrency(workflowId), WAKE_BATCH, now).size();
        }
        woken += ctx.lifecycle.wakeQueued(null, limits.globalConcurrency(), WAKE_BATCH, now).size();
        return woken;
    }

    /**
     * Wakes RUNNING instances that exceed their resource limits or their workflow timeout (a limit lowered after
     * they last ran), so the engine fails them at once.
     */
    int enforce() {
        Limits limits = ctx.limits;
        Instant now = ctx.clock.instant();
        Set<String> over = new HashSet<>();
        for (int offset = 0; ; offset += PAGE) {
            List<WorkflowInstance> page = ctx.instances.find(new InstanceQuery(Set.of(WorkflowStatus.RUNNING), null,
                    null, null, null, null, offset, PAGE));
            for (WorkflowInstance i : page) {
                if (exceeds(i, limits, now)) {
                    over.add(i.id);
                }
            }
            if (page.size() < PAGE) {
                break;
            }
        }
        return over.isEmpty() ? 0 : ctx.lifecycle.wake(over, now);
    }

    private boolean exceeds(WorkflowInstance i, Limits limits, Instant now) {
        ResourceLimits resources = limits.resources(i.workflowId);
        if (resources != null && resources.exceeded(i.id, i.stepsExecuted,
                resources.maxDataSize() > 0 ? i.data.json().length : 0) != null) {
            return true;
        }
        Duration timeout = ctx.runner.registry().find(i.workflowId, i.version).map(WorkflowDefinition::options)
                .map(o -> o.timeout()).orElse(null);
        return timeout != null && i.startedAt != null && !now.isBefore(i.startedAt.plus(timeout));
    }
}
