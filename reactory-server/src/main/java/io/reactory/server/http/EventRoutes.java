package io.reactory.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.security.Action;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Publishing events that waiting instances receive. */
final class EventRoutes {
    private final WorkflowRunner runner;
    private final long maxBodyBytes;

    EventRoutes(WorkflowRunner runner, long maxBodyBytes) {
        this.runner = runner;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(Api api) {
        api.route("POST", "/workflow/events", "event.publish", RouteSpec.Access.AUTHENTICATED, this::publish);
    }

    private void publish(Call call) {
        call.require(Action.PUBLISH_EVENT);
        ObjectNode body = Requests.jsonObject(call.ctx, maxBodyBytes, true);
        Requests.onlyFields(body, Set.of("name", "key", "data"), "the event");
        String name = Requests.text(body, "name", 200);
        String key = Requests.text(body, "key", 200);
        if (name == null || name.isBlank()) {
            throw ProblemException.invalid("'name' is required");
        }
        if (key == null) {
            throw ProblemException.invalid("'key' is required (the correlation key instances wait for; may be empty)");
        }
        call.target("event/" + name, null);
        JsonNode data = body.get("data");
        String eventId = runner.publishEvent(name, key,
                data == null || data.isNull() ? null : ApiJson.MAPPER.convertValue(data, Object.class));
        call.auditDetail = "event " + eventId;
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("eventId", eventId);
        response.put("name", name);
        response.put("key", key);
        Api.json(call.ctx, 202, response);
    }
}
