package io.reactory.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.reactory.workflow.persistence.ApiKeyRecord;
import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditQuery;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.SecurityEvent;
import io.reactory.workflow.persistence.SecurityEventQuery;
import io.reactory.workflow.security.Action;
import io.reactory.workflow.security.ApiKeys;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Admin-only reads and writes: audit log and its verification, security events, configurations, API keys. */
final class AdminRoutes {
    private final ConfigService configs;
    private final long maxBodyBytes;

    AdminRoutes(ConfigService configs, long maxBodyBytes) {
        this.configs = configs;
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(Api api) {
        api.route("GET", "/workflow/audit", "audit.read", RouteSpec.Access.AUTHENTICATED, this::audit);
        api.route("GET", "/workflow/audit/verify", "audit.verify", RouteSpec.Access.AUTHENTICATED, this::verify);
        api.route("GET", "/workflow/security-events", "security-event.read", RouteSpec.Access.AUTHENTICATED, this::events);
        api.route("GET", "/workflow/configs", "config.list", RouteSpec.Access.AUTHENTICATED, this::configs);
        api.route("GET", "/workflow/configs/{workflowId}", "config.read", RouteSpec.Access.AUTHENTICATED, this::config);
        api.route("GET", "/workflow/api-keys", "api-key.list", RouteSpec.Access.AUTHENTICATED, this::keys);
        api.route("POST", "/workflow/api-keys", "api-key.create", RouteSpec.Access.AUTHENTICATED, this::createKey);
        api.route("DELETE", "/workflow/api-keys/{keyId}", "api-key.revoke", RouteSpec.Access.AUTHENTICATED, this::revokeKey);
    }

    private void audit(Call call) {
        call.require(Action.ADMIN);
        int offset = Requests.intQuery(call.ctx, "offset", 0, 0, 10_000_000);
        int limit = Requests.intQuery(call.ctx, "limit", 50, 1, 500);
        AuditRecord.Outcome outcome = enumQuery(call, "outcome", AuditRecord.Outcome.class);
        List<AuditEntry> entries = call.security.getAuditLog(new AuditQuery(Requests.textQuery(call.ctx, "actor", 200),
                Requests.textQuery(call.ctx, "action", 200), Requests.textQuery(call.ctx, "target", 300),
                Requests.textQuery(call.ctx, "namespace", 200), outcome, Requests.instantQuery(call.ctx, "from"),
                Requests.instantQuery(call.ctx, "to"), offset, limit + 1));
        List<Map<String, Object>> items = entries.stream().limit(limit).map(AdminRoutes::entry).toList();
        Api.json(call.ctx, 200, Api.page(items, offset, limit, entries.size() > limit));
    }

    private static Map<String, Object> entry(AuditEntry e) {
        AuditRecord r = e.record();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seq", e.seq());
        m.put("at", r.at());
        m.put("actor", r.actor());
        m.put("namespace", r.namespace());
        m.put("action", r.action());
        m.put("target", r.target());
        m.put("outcome", r.outcome());
        m.put("status", r.status());
        m.put("sourceAddress", r.sourceAddress());
        m.put("requestId", r.requestId());
        m.put("detail", r.detail());
        m.put("previousHash", e.previousHash());
        m.put("hash", e.hash());
        return m;
    }

    private void verify(Call call) {
        call.require(Action.ADMIN);
        Api.json(call.ctx, 200, call.security.verifyAuditLog());
    }

    private void events(Call call) {
        call.require(Action.ADMIN);
        int offset = Requests.intQuery(call.ctx, "offset", 0, 0, 10_000_000);
        int limit = Requests.intQuery(call.ctx, "limit", 50, 1, 500);
        List<SecurityEvent> events = call.security.getSecurityEvents(new SecurityEventQuery(
                enumQuery(call, "type", SecurityEvent.Type.class), Requests.textQuery(call.ctx, "actor", 200),
                Requests.instantQuery(call.ctx, "from"), Requests.instantQuery(call.ctx, "to"), offset, limit + 1));
        Api.json(call.ctx, 200, Api.page(events.stream().limit(limit).toList(), offset, limit, events.size() > limit));
    }

    private static <E extends Enum<E>> E enumQuery(Call call, String name, Class<E> type) {
        String value = Requests.textQuery(call.ctx, name, 100);
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("query parameter '" + name + "' must be one of "
                    + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private void configs(Call call) {
        call.require(Action.ADMIN);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("workflows", configs.workflows().stream().map(ConfigDocuments::document).toList());
        body.put("schedules", configs.schedules().stream().map(ConfigDocuments::document).toList());
        if (configs.reloadStatus() != null) {
            body.put("reload", configs.reloadStatus());
        }
        Api.json(call.ctx, 200, body);
    }

    private void config(Call call) {
        call.require(Action.ADMIN);
        String id = call.path("workflowId", ProblemType.CONFIG_NOT_FOUND);
        Api.json(call.ctx, 200, ConfigDocuments.document(configs.workflow(id).orElseThrow(() ->
                new ProblemException(ProblemType.CONFIG_NOT_FOUND, "workflow '" + id + "' has no configuration"))));
    }

    private void keys(Call call) {
        call.require(Action.ADMIN);
        Api.json(call.ctx, 200, Map.of("items", call.security.apiKeys().list().stream().map(AdminRoutes::key).toList()));
    }

    private static Map<String, Object> key(ApiKeyRecord k) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("keyId", k.keyId());
        m.put("userId", k.userId());
        m.put("namespace", k.namespace());
        m.put("roles", k.roles());
        m.put("permissions", k.permissions());
        m.put("createdAt", k.createdAt());
        m.put("expiresAt", k.expiresAt());
        m.put("revokedAt", k.revokedAt());
        return m;
    }

    private void createKey(Call call) {
        call.require(Action.ADMIN);
        ObjectNode body = Requests.jsonObject(call.ctx, maxBodyBytes, true);
        Requests.onlyFields(body, Set.of("userId", "namespace", "roles", "permissions", "expiresAt"), "the API key");
        String userId = Requests.text(body, "userId", 200);
        if (userId == null || userId.isBlank()) {
            throw ProblemException.invalid("'userId' is required");
        }
        String namespace = Requests.text(body, "namespace", 200);
        Instant expiresAt = null;
        String expires = Requests.text(body, "expiresAt", 50);
        if (expires != null) {
            try {
                expiresAt = Instant.parse(expires);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("'expiresAt' must be an ISO-8601 instant");
            }
        }
        ApiKeys.IssuedKey issued = call.security.apiKeys().create(userId, namespace, strings(body, "roles"),
                strings(body, "permissions"), expiresAt);
        call.target("api-key/" + issued.record().keyId(), null);
        Map<String, Object> response = key(issued.record());
        response.put("key", issued.key());
        Api.json(call.ctx, 201, response);
    }

    private static Set<String> strings(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return Set.of();
        }
        if (!node.isArray() || node.size() > 100) {
            throw ProblemException.invalid("'" + field + "' must be an array of at most 100 strings");
        }
        Set<String> out = new LinkedHashSet<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || item.textValue().isBlank() || item.textValue().length() > 200) {
                throw ProblemException.invalid("'" + field + "' must be an array of non-empty strings");
            }
            out.add(item.textValue());
        }
        return out;
    }

    private void revokeKey(Call call) {
        call.require(Action.ADMIN);
        String keyId = call.path("keyId", ProblemType.API_KEY_NOT_FOUND);
        call.target("api-key/" + keyId, null);
        if (!call.security.apiKeys().revoke(keyId)) {
            throw new ProblemException(ProblemType.API_KEY_NOT_FOUND, "API key '" + keyId + "' does not exist");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("keyId", keyId);
        body.put("revoked", true);
        Api.json(call.ctx, 200, body);
    }
}
