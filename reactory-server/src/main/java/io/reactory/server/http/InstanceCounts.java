package io.reactory.server.http;

import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.security.Action;
import io.reactory.workflow.security.User;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /workflow/instances/counts}: how many instances the caller can see are in each status, for the live
 * counters of the dashboard. A caller of every namespace who may read every workflow gets the store's exact counts
 * (one grouped count); anyone else gets counts of what it may read, each capped at {@link #CAP} ({@code exact: false}
 * when a cap was reached), because the store has no per-namespace count yet.
 */
final class InstanceCounts {
    static final int CAP = 1000;

    private final WorkflowRunner runner;

    InstanceCounts(WorkflowRunner runner) {
        this.runner = runner;
    }

    void handle(Call call) {
        call.require(null, InstanceRoutes.ownNamespace(call.user), Action.READ,
                () -> new ProblemException(ProblemType.NOT_FOUND, "not found"));
        Map<WorkflowStatus, Long> counts = new EnumMap<>(WorkflowStatus.class);
        boolean exact = true;
        if (User.ALL_NAMESPACES.equals(call.user.namespace()) && readsEveryWorkflow(call)) {
            counts.putAll(runner.getWorkflowStats().instancesByStatus());
        } else {
            String namespace = InstanceRoutes.ownNamespace(call.user);
            Map<String, Boolean> visible = new HashMap<>();
            for (WorkflowStatus status : WorkflowStatus.values()) {
                List<InstanceInfo> found = runner.findInstances(new InstanceQuery(Set.of(status), null, null, namespace,
                        null, null, 0, CAP + 1));
                long n = found.stream().filter(i -> visible.computeIfAbsent(i.workflowId() + '\u0000' + i.namespace(),
                        k -> call.may(i.workflowId(), InstanceRoutes.namespaceOf(i), Action.READ))).count();
                if (found.size() > CAP) {
                    exact = false;
                    n = Math.min(n, CAP);
                }
                counts.put(status, n);
            }
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        long total = 0;
        for (WorkflowStatus status : WorkflowStatus.values()) {
            long n = counts.getOrDefault(status, 0L);
            byStatus.put(status.name(), n);
            total += n;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("counts", byStatus);
        body.put("total", total);
        body.put("exact", exact);
        Api.json(call.ctx, 200, body);
    }

    /** Whether no workflow's own rules (allowed roles, extra permissions) hide its instances from the caller. */
    private boolean readsEveryWorkflow(Call call) {
        return runner.definitions().stream().map(d -> d.id()).distinct()
                .allMatch(id -> call.may(id, null, Action.READ));
    }
}
