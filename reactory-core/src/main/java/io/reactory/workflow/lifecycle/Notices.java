package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Committed status changes that may let waiting instances start: an instance of a workflow that others depend on
 * finished (its dependents are woken to look again), or an instance of a limited workflow left RUNNING (the
 * best-ranked queued instances are woken for the free slots). Offered by engine threads after commit, processed on
 * the LifecycleManager's thread. A notice that is lost (a crash, a failing store) is made up for by the sweep.
 */
final class Notices {
    private static final Logger log = LoggerFactory.getLogger(Notices.class);

    private record Notice(String instanceId, String workflowId, boolean finishedTarget, boolean leftRunning) {}

    private final LifecycleContext ctx;
    private final ConcurrentLinkedQueue<Notice> queue = new ConcurrentLinkedQueue<>();

    Notices(LifecycleContext ctx) {
        this.ctx = ctx;
    }

    /** Keeps what matters of a status change (any thread, cheap); true when something was kept. */
    boolean offer(StatusChange change) {
        WorkflowStatus to = change.to();
        boolean finished = to == WorkflowStatus.COMPLETED || to == WorkflowStatus.FAILED || to == WorkflowStatus.CANCELLED;
        boolean target = finished && ctx.targetWorkflows.contains(change.workflowId());
        boolean freed = change.from() == WorkflowStatus.RUNNING
                && (ctx.limits.admits(change.workflowId()) || ctx.limits.globalConcurrency() > 0);
        if (!target && !freed) {
            return false;
        }
        queue.add(new Notice(change.instanceId(), change.workflowId(), target, freed));
        return true;
    }

    boolean pending() {
        return !queue.isEmpty();
    }

    /** Wakes the dependents and queued instances the kept changes concern. */
    void process() {
        if (queue.isEmpty()) {
            return;
        }
        Set<String> dependents = new LinkedHashSet<>();
        Set<String> freed = new LinkedHashSet<>();
        for (Notice n; (n = queue.poll()) != null; ) {
            if (n.leftRunning()) {
                freed.add(n.workflowId());
            }
            if (n.finishedTarget()) {
                Notice notice = n;
                try {
                    Optional<WorkflowInstance> target = ctx.instances.find(n.instanceId());
                    String reference = target.map(i -> i.reference).orElse(null);
                    dependents.addAll(ctx.lifecycle.dependents(notice.instanceId(), notice.workflowId(), reference));
                } catch (RuntimeException e) {
                    log.warn("could not look up the dependents of instance {}; the sweep will: {}", n.instanceId(), e.toString());
                }
            }
        }
        Instant now = ctx.clock.instant();
        try {
            if (!dependents.isEmpty()) {
                ctx.lifecycle.wake(dependents, now);
            }
            Limits limits = ctx.limits;
            for (String workflowId : freed) {
                ctx.lifecycle.wakeQueued(workflowId, limits.concurrency(workflowId), Sweeps.WAKE_BATCH, now);
            }
            if (!freed.isEmpty() && limits.globalConcurrency() > 0) {
                ctx.lifecycle.wakeQueued(null, limits.globalConcurrency(), Sweeps.WAKE_BATCH, now);
            }
        } catch (RuntimeException e) {
            log.warn("could not wake waiting instances; the sweep will: {}", e.toString());
        }
    }
}
