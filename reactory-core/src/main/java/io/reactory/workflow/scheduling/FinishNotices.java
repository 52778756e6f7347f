package io.reactory.workflow.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ends of instances the engine reports, kept for the scheduler when they may belong to scheduled runs. Most
 * finished instances are not scheduled runs: the workflow id tells, from the set of workflows the schedules start.
 * That set can lag behind schedules added on another node, so an instance of a workflow not known to be scheduled
 * is kept (boundedly) until the scheduler refreshes the set from the store; a workflow found not scheduled is
 * remembered, so steady traffic of unscheduled workflows costs one refresh per reconcile interval, not one per
 * instance. Thread-safe: offered from engine threads, drained on the scheduler's.
 */
final class FinishNotices {
    private static final int MAX_UNKNOWN = 10_000;

    private final SchedulerContext ctx;
    private final ConcurrentLinkedQueue<String> scheduled = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String[]> unknown = new ConcurrentLinkedQueue<>();
    private final AtomicInteger unknownCount = new AtomicInteger();

    FinishNotices(SchedulerContext ctx) {
        this.ctx = ctx;
    }

    /**
     * An instance finished (any thread).
     *
     * @return true when it was kept, so the scheduler should look soon
     */
    boolean offer(String instanceId, String workflowId) {
        if (ctx.scheduledWorkflows.contains(workflowId)) {
            scheduled.add(instanceId);
            return true;
        }
        if (ctx.notScheduled.contains(workflowId) || unknownCount.incrementAndGet() > MAX_UNKNOWN) {
            if (!ctx.notScheduled.contains(workflowId)) {
                unknownCount.decrementAndGet();
            }
            return false;
        }
        unknown.add(new String[] {instanceId, workflowId});
        return true;
    }

    /** The instances to look at now (scheduler thread). */
    List<String> drain() {
        List<String> ids = new ArrayList<>();
        for (String id; (id = scheduled.poll()) != null; ) {
            ids.add(id);
        }
        if (!unknown.isEmpty()) {
            refresh();
            for (String[] notice; (notice = unknown.poll()) != null; ) {
                unknownCount.decrementAndGet();
                if (ctx.scheduledWorkflows.contains(notice[1])) {
                    ids.add(notice[0]);
                } else {
                    ctx.notScheduled.add(notice[1]);
                }
            }
        }
        return ids;
    }

    /** Relearns the scheduled workflows from the store; forgets which ones were found not scheduled. */
    void refresh() {
        ctx.scheduledWorkflows.addAll(ctx.store.workflowIds());
        ctx.notScheduled.removeAll(ctx.scheduledWorkflows);
    }

    void forgetUnscheduled() {
        ctx.notScheduled.clear();
    }
}
