package io.reactory.server.http;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Registers routes through the {@link Gate}, and writes JSON responses. */
final class Api {
    private final RoutesConfig routes;
    private final Gate gate;

    Api(RoutesConfig routes, Gate gate) {
        this.routes = routes;
        this.gate = gate;
    }

    void route(String method, String path, String action, RouteSpec.Access access, Gate.ApiHandler handler) {
        RouteSpec spec = new RouteSpec(method, path, action, access);
        routes.addHttpHandler(HandlerType.findOrCreate(method), path, gate.wrap(spec, handler));
    }

    static void json(Context ctx, int status, Object body) {
        ctx.status(status);
        ctx.contentType("application/json");
        ctx.result(ApiJson.write(body));
    }

    /** A page of a list: the items, where it starts, its size, and whether more follow. */
    static Map<String, Object> page(List<?> items, int offset, int limit, boolean more) {
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("items", items);
        page.put("offset", offset);
        page.put("limit", limit);
        page.put("hasMore", more);
        if (more) {
            page.put("nextOffset", offset + limit);
        }
        return page;
    }
}
