package io.reactory.server.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.InstanceNotFoundException;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.security.Action;
import io.reactory.workflow.security.User;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reading, listing and controlling instances (starting them is {@link StartRoute}). */
final class InstanceRoutes {
    private static final List<Action> CONTROLS = List.of(Action.PAUSE, Action.RESUME, Action.CANCEL, Action.RETRY);
    private final WorkflowRunner runner;

    InstanceRoutes(WorkflowRunner runner) {
        this.runner = runner;
    }

    void register(Api api) {
        api.route("GET", "/workflow/instances", "instance.list", RouteSpec.Access.AUTHENTICATED, this::list);
        api.route("GET", "/workflow/instances/counts", "instance.count", RouteSpec.Access.AUTHENTICATED,
                new InstanceCounts(runner)::handle);
        api.route("GET", "/workflow/instance/{instanceId}", "instance.read", RouteSpec.Access.AUTHENTICATED, this::get);
        api.route("GET", "/workflow/instance/{instanceId}/history", "instance.history", RouteSpec.Access.AUTHENTICATED,
                this::history);
        api.route("POST", "/workflow/instance/{instanceId}/pause", "instance.pause", RouteSpec.Access.AUTHENTICATED,
                call -> control(call, Action.PAUSE));
        api.route("POST", "/workflow/instance/{instanceId}/resume", "instance.resume", RouteSpec.Access.AUTHENTICATED,
                call -> control(call, Action.RESUME));
        api.route("POST", "/workflow/instance/{instanceId}/retry", "instance.retry", RouteSpec.Access.AUTHENTICATED,
                call -> control(call, Action.RETRY));
        api.route("DELETE", "/workflow/instance/{instanceId}", "instance.cancel", RouteSpec.Access.AUTHENTICATED,
                call -> control(call, Action.CANCEL));
    }

    private void list(Call call) {
        call.require(null, ownNamespace(call.user), Action.READ, () -> new ProblemException(ProblemType.NOT_FOUND, "not found"));
        int offset = Requests.intQuery(call.ctx, "offset", 0, 0, 1_000_000);
        int limit = Requests.intQuery(call.ctx, "limit", 50, 1, 500);
        String namespace = Requests.textQuery(call.ctx, "namespace", 200);
        if (!User.ALL_NAMESPACES.equals(call.user.namespace())) {
            if (namespace != null && !namespace.equals(call.user.namespace())) {
                Api.json(call.ctx, 200, Api.page(List.of(), offset, limit, false));
                return;
            }
            namespace = call.user.namespace();
        }
        var query = new io.reactory.workflow.persistence.InstanceQuery(statuses(call), Requests.textQuery(call.ctx, "workflowId", 200),
                Requests.textQuery(call.ctx, "reference", 200), namespace, Requests.instantQuery(call.ctx, "from"),
                Requests.instantQuery(call.ctx, "to"), offset, limit + 1);
        List<InstanceInfo> found = runner.findInstances(query);
        boolean more = found.size() > limit;
        Map<String, Boolean> visible = new HashMap<>();
        List<Map<String, Object>> items = found.stream().limit(limit)
                .filter(i -> visible.computeIfAbsent(i.workflowId() + '\u0000' + i.namespace(),
                        k -> call.may(i.workflowId(), namespaceOf(i), Action.READ)))
                .map(InstanceRoutes::summary).toList();
        Api.json(call.ctx, 200, Api.page(items, offset, limit, more));
    }

    private static Set<WorkflowStatus> statuses(Call call) {
        Set<WorkflowStatus> statuses = EnumSet.noneOf(WorkflowStatus.class);
        for (String value : call.ctx.queryParams("status")) {
            for (String part : value.split(",")) {
                if (part.isBlank()) {
                    continue;
                }
                try {
                    statuses.add(WorkflowStatus.valueOf(part.trim().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid("query parameter 'status' must be among "
                            + java.util.Arrays.toString(WorkflowStatus.values()));
                }
            }
        }
        return statuses;
    }

    private InstanceInfo visibleInstance(Call call, Action action) {
        String instanceId = call.path("instanceId", ProblemType.INSTANCE_NOT_FOUND);
        call.target("instance/" + instanceId, null);
        InstanceInfo info = runner.getInstance(instanceId);
        call.target("instance/" + instanceId, namespaceOf(info));
        call.require(info.workflowId(), namespaceOf(info), action, () -> new InstanceNotFoundException(instanceId));
        return info;
    }

    /** The instance, and which controls the caller may use on it ({@code allowedActions}, whatever its status). */
    private void get(Call call) {
        InstanceInfo info = visibleInstance(call, Action.READ);
        ObjectNode body = ApiJson.MAPPER.valueToTree(info);
        ArrayNode allowed = body.putArray("allowedActions");
        for (Action action : CONTROLS) {
            if (call.may(info.workflowId(), namespaceOf(info), action)) {
                allowed.add(action.name().toLowerCase(Locale.ROOT));
            }
        }
        Api.json(call.ctx, 200, body);
    }

    private void history(Call call) {
        InstanceInfo info = visibleInstance(call, Action.READ);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instanceId", info.instanceId());
        body.put("workflowId", info.workflowId());
        body.put("version", info.version());
        body.put("status", info.status());
        body.put("createdAt", info.createdAt());
        body.put("startedAt", info.startedAt());
        body.put("completedAt", info.completedAt());
        if (info.failureReason() != null) {
            body.put("failure", Map.of("reason", info.failureReason(),
                    "step", info.failedStep() == null ? "" : info.failedStep(),
                    "message", info.failureMessage() == null ? "" : info.failureMessage()));
        }
        body.put("steps", info.steps());
        Api.json(call.ctx, 200, body);
    }

    private void control(Call call, Action action) {
        InstanceInfo info = visibleInstance(call, action);
        String id = info.instanceId();
        switch (action) {
            case PAUSE -> runner.pauseWorkflow(id);
            case RESUME -> runner.resumeWorkflow(id);
            case CANCEL -> runner.cancelWorkflow(id);
            case RETRY -> runner.retryWorkflow(id);
            default -> throw new IllegalStateException("not a control action: " + action);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("instanceId", id);
        body.put("requested", action.name().toLowerCase(java.util.Locale.ROOT));
        body.put("status", runner.getWorkflowStatus(id));
        Api.json(call.ctx, 202, body);
    }

    /** The caller's own namespace, or null (any) for a caller of every namespace: a target it can always see. */
    static String ownNamespace(User user) {
        return User.ALL_NAMESPACES.equals(user.namespace()) ? null : user.namespace();
    }

    static String namespaceOf(InstanceInfo info) {
        return info.namespace() == null ? User.DEFAULT_NAMESPACE : info.namespace();
    }

    static Map<String, Object> summary(InstanceInfo i) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("instanceId", i.instanceId());
        s.put("workflowId", i.workflowId());
        s.put("version", i.version());
        s.put("status", i.status());
        s.put("namespace", i.namespace());
        s.put("reference", i.reference());
        s.put("priority", i.priority());
        s.put("createdAt", i.createdAt());
        s.put("startedAt", i.startedAt());
        s.put("completedAt", i.completedAt());
        s.put("failureReason", i.failureReason());
        return s;
    }
}
