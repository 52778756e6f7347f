package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes finished instances past their retention, in bounded batches: each is claimed and moved to CLEANING_UP
 * (a committed, fenced transition, so of several nodes only one takes it), then its dependencies and queue entries,
 * error records, and the instance with its signals and subscriptions are deleted. A run interrupted in between leaves
 * CLEANING_UP instances, which the next run removes whatever their age; running it twice removes nothing more.
 */
final class Cleanup {
    private static final Logger log = LoggerFactory.getLogger(Cleanup.class);

    private final LifecycleContext ctx;

    Cleanup(LifecycleContext ctx) {
        this.ctx = ctx;
    }

    CleanupResult run() {
        RetentionOptions retention = ctx.options.retention();
        Instant now = ctx.clock.instant();
        Map<WorkflowStatus, Duration> keep = new LinkedHashMap<>();
        keep.put(WorkflowStatus.CLEANING_UP, Duration.ZERO);
        keep.put(WorkflowStatus.COMPLETED, retention.completed());
        keep.put(WorkflowStatus.FAILED, retention.failed());
        keep.put(WorkflowStatus.CANCELLED, retention.cancelled());
        int removed = 0;
        int skipped = 0;
        for (Map.Entry<WorkflowStatus, Duration> e : keep.entrySet()) {
            if (e.getValue() == null) {
                continue;
            }
            Instant cutoff = now.minus(e.getValue());
            // what another node holds stays among the oldest candidates: step over it instead of asking again
            int held = 0;
            while (removed < retention.maxPerRun()) {
                int want = Math.min(retention.batchSize(), retention.maxPerRun() - removed);
                List<String> candidates = ctx.lifecycle.finishedBefore(e.getKey(), cutoff, held + want);
                if (candidates.size() <= held) {
                    break;
                }
                List<String> batch = candidates.subList(held, candidates.size());
                List<String> ours = new ArrayList<>(batch.size());
                for (String id : batch) {
                    if (ctx.runner.beginCleanup(id)) {
                        ours.add(id);
                    }
                }
                remove(ours);
                removed += ours.size();
                held += batch.size() - ours.size();
            }
            skipped += held;
        }
        int events = retention.events() == null ? 0 : ctx.store.events().deletePublishedBefore(now.minus(retention.events()));
        if (removed > 0 || events > 0) {
            log.info("cleanup removed {} finished instances and {} events", removed, events);
        }
        return new CleanupResult(removed, events, skipped);
    }

    /** Removes one finished instance now, whatever its age; false when it is not finished or someone holds it. */
    boolean now(String instanceId) {
        if (!ctx.runner.beginCleanup(instanceId)) {
            return false;
        }
        remove(List.of(instanceId));
        return true;
    }

    /** Everything kept about these CLEANING_UP instances, the instance rows last. */
    private void remove(List<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<String> set = Set.copyOf(ids);
        ctx.lifecycle.deleteDependencies(set);
        try {
            ctx.store.errors().deleteByInstance(set);
        } catch (UnsupportedOperationException e) {
            // a store without error records has none to remove
        }
        ctx.instances.delete(set);
        ctx.report(l -> l.cleanedUp(ids));
    }
}
