package io.reactory.server.http;

/**
 * How a route is guarded and named in the audit log.
 *
 * @param action the audit action ({@code instance.pause}); also names the route in logs
 * @param access who may call it before the handler's own permission checks
 */
record RouteSpec(String method, String path, String action, Access access) {

    /** The rate-limit and metrics name of the route, e.g. {@code POST /workflow/start/{workflowId}}. */
    String endpoint() {
        return method + " " + path;
    }

    boolean mutating() {
        return !method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS");
    }

    /** Who gets past the gate. */
    enum Access {
        /** Anyone: health and the API description. Credentials, when sent, are still checked. */
        PUBLIC,
        /** Authenticated callers only; anonymous requests get 401 before the handler runs. */
        AUTHENTICATED,
        /** Anyone reaches the handler, which lets anonymous callers through only for public workflows. */
        HANDLER_DECIDES
    }
}
