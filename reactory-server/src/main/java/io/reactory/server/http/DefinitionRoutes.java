package io.reactory.server.http;

import io.reactory.workflow.api.WorkflowNotFoundException;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.definition.StepNode;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.security.Action;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The registered workflow definitions: ids with their versions, steps and Mermaid graphs. */
final class DefinitionRoutes {
    private final WorkflowRunner runner;

    DefinitionRoutes(WorkflowRunner runner) {
        this.runner = runner;
    }

    void register(Api api) {
        api.route("GET", "/workflow/definitions", "definition.list", RouteSpec.Access.AUTHENTICATED, this::list);
        api.route("GET", "/workflow/definitions/{workflowId}", "definition.read", RouteSpec.Access.AUTHENTICATED,
                this::get);
        api.route("GET", "/workflow/definitions/{workflowId}/graph", "definition.graph", RouteSpec.Access.AUTHENTICATED,
                this::graph);
    }

    private void list(Call call) {
        call.require(null, InstanceRoutes.ownNamespace(call.user), Action.READ,
                () -> new ProblemException(ProblemType.NOT_FOUND, "not found"));
        Map<String, List<WorkflowDefinition>> byId = new TreeMap<>();
        for (WorkflowDefinition d : runner.definitions()) {
            byId.computeIfAbsent(d.id(), id -> new ArrayList<>()).add(d);
        }
        List<Map<String, Object>> items = new ArrayList<>();
        byId.forEach((id, versions) -> {
            if (call.may(id, null, Action.READ)) {
                Map<String, Object> item = new LinkedHashMap<>();
                item.put("workflowId", id);
                item.put("namespace", call.security.namespaceOf(id));
                item.put("versions", versions.stream().map(d -> d.version().text()).toList());
                item.put("latest", versions.get(versions.size() - 1).version().text());
                items.add(item);
            }
        });
        Api.json(call.ctx, 200, Map.of("items", items));
    }

    /** The versions of a visible workflow, oldest first; hidden or unknown ones answer 404 alike. */
    private List<WorkflowDefinition> versions(Call call, String workflowId) {
        List<WorkflowDefinition> versions = runner.definitions().stream().filter(d -> d.id().equals(workflowId)).toList();
        if (versions.isEmpty()) {
            throw new WorkflowNotFoundException(workflowId, null);
        }
        call.require(workflowId, null, Action.READ, () -> new WorkflowNotFoundException(workflowId, null));
        return versions;
    }

    private void get(Call call) {
        String workflowId = call.path("workflowId", ProblemType.WORKFLOW_NOT_FOUND);
        List<Map<String, Object>> versions = new ArrayList<>();
        for (WorkflowDefinition d : versions(call, workflowId)) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", d.version().text());
            v.put("dataType", d.dataType().getSimpleName());
            v.put("steps", d.steps().stream().map(DefinitionRoutes::step).toList());
            versions.add(v);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workflowId", workflowId);
        body.put("namespace", call.security.namespaceOf(workflowId));
        body.put("versions", versions);
        Api.json(call.ctx, 200, body);
    }

    private static Map<String, Object> step(StepNode node) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("id", node.id());
        s.put("name", node.name());
        s.put("kind", node.kind().label());
        return s;
    }

    private void graph(Call call) {
        String workflowId = call.path("workflowId", ProblemType.WORKFLOW_NOT_FOUND);
        String version = Requests.textQuery(call.ctx, "version", 50);
        List<WorkflowDefinition> versions = versions(call, workflowId);
        WorkflowDefinition definition = version == null ? versions.get(versions.size() - 1)
                : versions.stream().filter(d -> d.version().text().equals(version)
                        || d.version().equals(parse(version))).findFirst()
                        .orElseThrow(() -> new WorkflowNotFoundException(workflowId, version));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workflowId", workflowId);
        body.put("version", definition.version().text());
        body.put("format", "mermaid");
        body.put("graph", definition.toMermaid());
        Api.json(call.ctx, 200, body);
    }

    private static Object parse(String version) {
        try {
            return io.reactory.workflow.definition.WorkflowVersion.parse(version);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
