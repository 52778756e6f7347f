package io.reactory.server.http;

import io.reactory.workflow.security.Action;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code GET /workflow/me}: who the credentials belong to and what they allow in general, so a client (the dashboard)
 * can check a login and show only what the caller may use. A workflow's own rules (allowed roles, extra permissions)
 * can still refuse an action this lists; per instance, {@code allowedActions} says it exactly.
 */
final class CallerRoute {

    void register(Api api) {
        api.route("GET", "/workflow/me", "caller.read", RouteSpec.Access.AUTHENTICATED, this::me);
    }

    private void me(Call call) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", call.user.id());
        body.put("namespace", call.user.namespace());
        body.put("roles", new TreeSet<>(call.user.roles()));
        body.put("permissions", new TreeSet<>(call.user.permissions()));
        body.put("authenticatedBy", call.user.method().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        Map<String, Boolean> may = new LinkedHashMap<>();
        String own = InstanceRoutes.ownNamespace(call.user);
        for (Action action : Action.values()) {
            boolean allowed = action.isWorkflowAction() ? call.may(null, own, action) : call.may(null, null, action);
            may.put(camel(action), allowed);
        }
        body.put("may", may);
        Api.json(call.ctx, 200, body);
    }

    /** {@code READ_METRICS} → {@code readMetrics}. */
    private static String camel(Action action) {
        String[] parts = action.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder out = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            out.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
        }
        return out.toString();
    }
}
