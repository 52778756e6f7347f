package io.reactory.server.http;

import io.javalin.http.Context;
import io.reactory.workflow.api.IdempotencyConflictException;
import io.reactory.workflow.api.IllegalTransitionException;
import io.reactory.workflow.api.InstanceNotFoundException;
import io.reactory.workflow.api.WorkflowDisabledException;
import io.reactory.workflow.api.WorkflowNotFoundException;
import io.reactory.workflow.security.AccessDeniedException;
import io.reactory.workflow.security.AuthenticationException;
import io.reactory.workflow.security.RateLimitExceededException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where failures become {@code application/problem+json} (RFC 9457). Client mistakes always get their
 * 4xx; only a failure of the server itself is a 500, logged with its request id and answered without internals.
 */
final class ProblemMapper {
    private static final Logger log = LoggerFactory.getLogger(ProblemMapper.class);
    static final String CONTENT_TYPE = "application/problem+json";

    private ProblemMapper() {}

    /** What a failure becomes. */
    record Problem(ProblemType type, String detail, List<Map<String, String>> errors, Map<String, String> headers) {
        Problem(ProblemType type, String detail) {
            this(type, detail, List.of(), Map.of());
        }
    }

    static Problem map(Throwable failure, String requestId) {
        return switch (failure) {
            case ProblemException p -> new Problem(p.type(), p.getMessage(), p.errors(), Map.of());
            case AuthenticationException e -> new Problem(ProblemType.UNAUTHORIZED, e.getMessage(), List.of(),
                    Map.of("WWW-Authenticate", e.reason() == AuthenticationException.Reason.MISSING_CREDENTIALS
                            ? "Bearer realm=\"reactory\""
                            : "Bearer realm=\"reactory\", error=\"invalid_token\""));
            case AccessDeniedException e -> new Problem(ProblemType.FORBIDDEN, e.getMessage());
            case RateLimitExceededException e -> new Problem(ProblemType.RATE_LIMITED, e.getMessage(), List.of(),
                    Map.of("Retry-After", Long.toString(Math.max(1, (e.info().retryAfter().toMillis() + 999) / 1000))));
            case InstanceNotFoundException e -> new Problem(ProblemType.INSTANCE_NOT_FOUND, e.getMessage());
            case WorkflowNotFoundException e -> new Problem(ProblemType.WORKFLOW_NOT_FOUND, e.getMessage());
            case IllegalTransitionException e -> new Problem(ProblemType.ILLEGAL_TRANSITION, e.getMessage());
            case WorkflowDisabledException e -> new Problem(ProblemType.WORKFLOW_DISABLED, e.getMessage());
            case IdempotencyConflictException e -> new Problem(ProblemType.IDEMPOTENCY_CONFLICT, e.getMessage());
            default -> {
                log.error("request {} failed inside the server", requestId, failure);
                yield new Problem(ProblemType.INTERNAL_ERROR, "the server failed to handle this request; it is logged"
                        + " under request id " + requestId);
            }
        };
    }

    /** Writes the problem as the response; keeps headers set earlier (rate-limit headers, request id). */
    static Problem write(Context ctx, Throwable failure, String requestId) {
        Problem problem = map(failure, requestId);
        problem.headers().forEach(ctx::header);
        ctx.status(problem.type().status());
        ctx.contentType(CONTENT_TYPE);
        ctx.result(body(problem.type(), problem.detail(), ctx.path(), requestId, problem.errors()));
        return problem;
    }

    static byte[] body(ProblemType type, String detail, String instance, String requestId,
                       List<Map<String, String>> errors) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("type", type.uri());
        doc.put("title", type.title());
        doc.put("status", type.status());
        if (detail != null) {
            doc.put("detail", detail);
        }
        if (instance != null) {
            doc.put("instance", Requests.cut(instance, 200));
        }
        if (requestId != null) {
            doc.put("requestId", requestId);
        }
        if (errors != null && !errors.isEmpty()) {
            doc.put("errors", errors);
        }
        return ApiJson.write(doc);
    }
}
