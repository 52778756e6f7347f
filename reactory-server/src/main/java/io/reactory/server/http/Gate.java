package io.reactory.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.reactory.workflow.internal.Ids;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.security.AuthenticationException;
import io.reactory.workflow.security.Caller;
import io.reactory.workflow.security.RateLimitExceededException;
import io.reactory.workflow.security.RateLimitInfo;
import io.reactory.workflow.security.SecurityContext;
import io.reactory.workflow.security.User;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every API request goes through, in order: request id, authentication (with the failure budget of the client
 * address), the route's access rule, the rate limit, the handler, problem mapping, and the audit entry (for every
 * mutating call and every refused one).
 */
final class Gate {
    private static final Logger log = LoggerFactory.getLogger(Gate.class);
    private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final WorkflowSecurityManager security;
    private final ServerOptions options;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    Gate(WorkflowSecurityManager security, ServerOptions options, Clock clock, MeterRegistry meters) {
        this.security = security;
        this.options = options;
        this.clock = clock;
        this.meters = meters;
    }

    /** A handler body that receives the request's {@link Call}. */
    @FunctionalInterface
    interface ApiHandler {
        void handle(Call call) throws Exception;
    }

    Handler wrap(RouteSpec spec, ApiHandler handler) {
        return ctx -> handle(ctx, spec, handler);
    }

    private void handle(Context ctx, RouteSpec spec, ApiHandler handler) {
        long started = System.nanoTime();
        String requestId = requestId(ctx, clock);
        Call call = new Call(ctx, requestId, sourceAddress(ctx), security);
        ctx.header("X-Request-Id", requestId);
        // answers may carry data, keys or audit entries: never cached, never sniffed as another type
        ctx.header("Cache-Control", "no-store");
        ctx.header("X-Content-Type-Options", "nosniff");
        SecurityContext.bind(new Caller(User.ANONYMOUS, call.sourceAddress, requestId));
        try {
            call.user = authenticate(ctx, call);
            SecurityContext.bind(new Caller(call.user, call.sourceAddress, requestId));
            // limited before the access rule, so a flood of anonymous calls to protected routes is cut off too
            limit(ctx, spec, call.user, call.sourceAddress);
            if (spec.access() == RouteSpec.Access.AUTHENTICATED && call.user.isAnonymous()) {
                throw new AuthenticationException(AuthenticationException.Reason.MISSING_CREDENTIALS,
                        "credentials are required: send 'Authorization: Bearer <JWT or API key>' or 'X-API-Key'");
            }
            handler.handle(call);
        } catch (Exception | StackOverflowError e) {
            ProblemMapper.Problem problem = ProblemMapper.write(ctx, e, requestId);
            if (call.auditDetail == null) {
                call.auditDetail = problem.type().slug();
            }
        } finally {
            SecurityContext.clear();
            audit(spec, call, ctx.statusCode());
            timer(spec, ctx.statusCode()).record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    /** One timer per route and status, looked up without building a meter id on every request. */
    private Timer timer(RouteSpec spec, int status) {
        return timers.computeIfAbsent(spec.endpoint() + ' ' + status, k -> Timer.builder("reactory.http.requests")
                .description("API requests by route and status").tag("method", spec.method()).tag("route", spec.path())
                .tag("status", Integer.toString(status)).register(meters));
    }

    private User authenticate(Context ctx, Call call) {
        String token = credentials(ctx);
        if (token == null) {
            return User.ANONYMOUS;
        }
        RateLimitInfo budget = security.checkAuthenticationBudget(call.sourceAddress);
        if (!budget.allowed()) {
            throw new RateLimitExceededException("authentication from this address", budget);
        }
        return security.validateUser(null, token);
    }

    /** The bearer token or API key, or null when the request carries none. */
    private static String credentials(Context ctx) {
        String authorization = ctx.header("Authorization");
        if (authorization != null && !authorization.isBlank()) {
            int space = authorization.indexOf(' ');
            String scheme = space < 0 ? authorization : authorization.substring(0, space);
            if (!scheme.equalsIgnoreCase("Bearer") || space < 0 || authorization.substring(space + 1).isBlank()) {
                throw new AuthenticationException(AuthenticationException.Reason.MALFORMED,
                        "the Authorization header must be 'Bearer <JWT or API key>'");
            }
            return authorization.substring(space + 1).trim();
        }
        String apiKey = ctx.header("X-API-Key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
    }

    private void limit(Context ctx, RouteSpec spec, User user, String source) {
        String who = user.isAnonymous() ? "anonymous@" + source : user.id();
        RateLimitInfo info = security.checkRateLimit(who, spec.endpoint());
        if (info.isUnlimited()) {
            return;
        }
        ctx.header("RateLimit-Limit", Long.toString(info.limit()));
        ctx.header("RateLimit-Remaining", Long.toString(info.remaining()));
        ctx.header("RateLimit-Reset", Long.toString((info.resetAfter().toMillis() + 999) / 1000));
        if (!info.allowed()) {
            throw new RateLimitExceededException(spec.endpoint(), info);
        }
    }

    private void audit(RouteSpec spec, Call call, int status) {
        boolean refused = status == 401 || status == 403 || status == 429 || call.hidden;
        if (!spec.mutating() && !refused) {
            return;
        }
        AuditRecord.Outcome outcome = refused ? AuditRecord.Outcome.DENIED
                : status >= 500 ? AuditRecord.Outcome.FAILED
                : status >= 400 ? AuditRecord.Outcome.REJECTED
                : AuditRecord.Outcome.SUCCESS;
        try {
            security.logAction(new AuditRecord(clock.instant(), call.user.id(), call.auditNamespace, spec.action(),
                    call.auditTarget, outcome, status, call.sourceAddress, call.requestId, call.auditDetail));
        } catch (RuntimeException e) {
            // the response is decided; losing the entry must be loud
            log.error("could not write the audit entry of request {} ({} {} -> {})", call.requestId, spec.method(),
                    spec.path(), status, e);
        }
    }

    private static String requestId(Context ctx, Clock clock) {
        String given = ctx.header("X-Request-Id");
        // not UUID.randomUUID(): its shared SecureRandom contends at thousands of requests a second
        return given != null && REQUEST_ID.matcher(given).matches() ? given : Ids.newId(clock.millis());
    }

    private String sourceAddress(Context ctx) {
        if (options.trustForwardedFor()) {
            String forwarded = ForwardedFor.clientAddress(java.util.Collections.list(ctx.req().getHeaders("X-Forwarded-For")),
                    options.trustedProxies());
            if (forwarded != null) {
                return forwarded;
            }
        }
        return ctx.req().getRemoteAddr();
    }
}
