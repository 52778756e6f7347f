package io.reactory.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reactory.workflow.api.IdempotencyKeys;
import io.reactory.workflow.api.InvalidInputDataException;
import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowNotFoundException;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.security.Action;
import io.reactory.workflow.security.AuthenticationException;
import io.reactory.workflow.security.User;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** {@code POST /workflow/start/{workflowId}}: the specification's start, with its body, version and idempotency. */
final class StartRoute {
    private static final Set<String> START_FIELDS = Set.of("data", "priority", "metadata", "reference");
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final WorkflowRunner runner;
    private final Clock clock;
    private final long maxBodyBytes;

    StartRoute(WorkflowRunner runner, Clock clock, long maxBodyBytes) {
        this.runner = runner;
        this.clock = clock;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(Api api) {
        api.route("POST", "/workflow/start/{workflowId}", "workflow.start", RouteSpec.Access.HANDLER_DECIDES, this::start);
    }

    private void start(Call call) {
        String workflowId = call.path("workflowId", ProblemType.WORKFLOW_NOT_FOUND);
        String version = Requests.textQuery(call.ctx, "version", 50);
        String namespace = call.security.namespaceOf(workflowId);
        call.target("workflow/" + workflowId, namespace);
        if (call.user.isAnonymous() && !call.security.allowsAnonymousStart(workflowId)) {
            // before looking the workflow up, so anonymous callers learn nothing about which workflows exist
            throw new AuthenticationException(AuthenticationException.Reason.MISSING_CREDENTIALS, "credentials are required");
        }
        // checked here, before any start interceptor (a disabled workflow must not tell other tenants it exists);
        // the security start interceptor, when registered, checks again for every channel
        if (!call.may(workflowId, namespace, Action.START)) {
            if (!registered(workflowId)) {
                throw new WorkflowNotFoundException(workflowId, version);
            }
            call.require(workflowId, namespace, Action.START, () -> new WorkflowNotFoundException(workflowId, version));
        }
        ObjectNode body = Requests.jsonObject(call.ctx, maxBodyBytes, false);
        StartOptions options = StartOptions.DEFAULT.withNamespace(namespace);
        Object data = null;
        if (body != null) {
            Requests.onlyFields(body, START_FIELDS, "the start request");
            data = data(body.get("data"));
            options = options.withPriority(priority(body.get("priority")))
                    .withMetadata(metadata(body.get("metadata")))
                    .withReference(Requests.text(body, "reference", 200));
        }
        String idempotencyKey = call.ctx.header("Idempotency-Key");
        if (idempotencyKey != null) {
            if (!IDEMPOTENCY_KEY.matcher(idempotencyKey).matches()) {
                throw ProblemException.invalid("the Idempotency-Key header must be 1 to 200 visible ASCII characters");
            }
            options = options.withIdempotencyKey(scopedKey(call.user, workflowId, idempotencyKey));
        }
        Instant requestedAt = clock.instant();
        String instanceId;
        try {
            instanceId = runner.startWorkflow(workflowId, version, data, options);
        } catch (WorkflowNotFoundException e) {
            // the same message whether the workflow or only the requested version is unknown
            throw new WorkflowNotFoundException(workflowId, version);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(describe(e, workflowId));
        }
        call.auditDetail = "instance/" + instanceId;
        boolean replayed = idempotencyKey != null && runner.getInstance(instanceId).createdAt().isBefore(requestedAt);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("instanceId", instanceId);
        response.put("workflowId", workflowId);
        response.put("version", version);
        response.put("location", "/workflow/instance/" + instanceId);
        if (replayed) {
            call.ctx.header("Idempotent-Replayed", "true");
        }
        call.ctx.header("Location", "/workflow/instance/" + instanceId);
        Api.json(call.ctx, replayed ? 200 : 201, response);
    }

    private boolean registered(String workflowId) {
        return runner.definitions().stream().anyMatch(d -> d.id().equals(workflowId));
    }

    private static Object data(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        return ApiJson.MAPPER.convertValue(node, Object.class);
    }

    /** The priority asked for, or null so that the workflow's configured default applies. */
    private static Priority priority(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ProblemException.invalid("'priority' must be one of \"high\", \"normal\", \"low\"");
        }
        try {
            return Priority.parse(node.textValue());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("'priority' must be one of \"high\", \"normal\", \"low\"");
        }
    }

    private static Map<String, String> metadata(JsonNode node) {
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw ProblemException.invalid("'metadata' must be an object of text, number or boolean values");
        }
        if (node.size() > 50) {
            throw ProblemException.invalid("'metadata' may have at most 50 entries");
        }
        Map<String, String> out = new HashMap<>();
        for (var it = node.fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            if (e.getKey().length() > 100 || !(v.isTextual() || v.isNumber() || v.isBoolean())) {
                throw ProblemException.invalid("'metadata' must be an object of text, number or boolean values with "
                        + "names of at most 100 characters");
            }
            String text = v.asText();
            if (text.length() > 1000) {
                throw ProblemException.invalid("'metadata' values must be at most 1000 characters");
            }
            out.put(e.getKey(), text);
        }
        return out;
    }

    /** Idempotency keys are per caller and workflow, so one tenant's key can never return another tenant's instance. */
    private static String scopedKey(User user, String workflowId, String key) {
        return IdempotencyKeys.scoped("http", user.id(), workflowId, key);
    }

    /** Where the data did not fit the workflow's data type, without echoing the data itself. */
    private static String describe(IllegalArgumentException e, String workflowId) {
        if (e instanceof InvalidInputDataException invalid) {
            return "'data' does not fit the data type of workflow '" + workflowId + "'"
                    + (invalid.path().isEmpty() ? "" : " at '" + Requests.cut(invalid.path(), 200) + "'");
        }
        String path = Json.fieldPath(e);
        if (!path.isEmpty()) {
            return "'data' does not fit the data type of workflow '" + workflowId + "' at '" + Requests.cut(path, 200) + "'";
        }
        return Requests.cut(e.getMessage() == null ? "" : e.getMessage(), 300);
    }
}
