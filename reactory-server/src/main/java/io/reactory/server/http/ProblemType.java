package io.reactory.server.http;

/**
 * Every error the API answers, with its HTTP status and its stable type URI ({@code urn:reactory:problem:<slug>}).
 * Clients switch on the type, never on the detail text.
 */
public enum ProblemType {
    MALFORMED_JSON(400, "malformed-json", "The body is not well-formed JSON"),
    BAD_REQUEST(400, "bad-request", "The request is malformed"),
    UNAUTHORIZED(401, "unauthorized", "Valid credentials are required"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "No such resource"),
    WORKFLOW_NOT_FOUND(404, "workflow-not-found", "No such workflow"),
    INSTANCE_NOT_FOUND(404, "instance-not-found", "No such workflow instance"),
    SCHEDULE_NOT_FOUND(404, "schedule-not-found", "No such schedule"),
    CONFIG_NOT_FOUND(404, "config-not-found", "No such configuration"),
    API_KEY_NOT_FOUND(404, "api-key-not-found", "No such API key"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed on this resource"),
    ILLEGAL_TRANSITION(409, "illegal-transition", "The instance's state does not allow this"),
    WORKFLOW_DISABLED(409, "workflow-disabled", "The workflow is disabled"),
    SCHEDULE_EXISTS(409, "schedule-exists", "A schedule with this id exists"),
    IDEMPOTENCY_CONFLICT(409, "idempotency-conflict", "The idempotency key belongs to another workflow's instance"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "The body is too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The body must be JSON"),
    INVALID_REQUEST(422, "invalid-request", "The request is not valid"),
    RATE_LIMITED(429, "rate-limited", "Too many requests"),
    HEADERS_TOO_LARGE(431, "headers-too-large", "Request headers too large"),
    INTERNAL_ERROR(500, "internal-error", "Internal server error"),
    UNAVAILABLE(503, "unavailable", "The server cannot take this request now");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    /** The stable {@code type} member of the problem document. */
    public String uri() {
        return "urn:reactory:problem:" + slug;
    }

    /** The type for a status the server itself produced outside a handler (unknown route, Jetty-level errors). */
    static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> INVALID_REQUEST;
            case 429 -> RATE_LIMITED;
            case 431 -> HEADERS_TOO_LARGE;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL_ERROR : BAD_REQUEST;
        };
    }
}
