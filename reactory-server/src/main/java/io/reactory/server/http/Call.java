package io.reactory.server.http;

import io.javalin.http.Context;
import io.reactory.workflow.security.AccessDecision;
import io.reactory.workflow.security.AccessDeniedException;
import io.reactory.workflow.security.Action;
import io.reactory.workflow.security.AuthenticationException;
import io.reactory.workflow.security.User;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.util.function.Supplier;

/**
 * One API request as a handler sees it: the HTTP context, the authenticated user, and what the audit entry will say
 * (target, namespace, detail). Not thread-safe: one per request.
 */
final class Call {
    final Context ctx;
    final String requestId;
    final String sourceAddress;
    final WorkflowSecurityManager security;
    User user = User.ANONYMOUS;
    String auditTarget;
    String auditNamespace;
    String auditDetail;
    /** True when a resource was answered "not found" because the caller may not see its namespace. */
    boolean hidden;

    Call(Context ctx, String requestId, String sourceAddress, WorkflowSecurityManager security) {
        this.ctx = ctx;
        this.requestId = requestId;
        this.sourceAddress = sourceAddress;
        this.security = security;
    }

    /** Sets what the audit entry of this request is about. */
    Call target(String target, String namespace) {
        this.auditTarget = target;
        this.auditNamespace = namespace;
        return this;
    }

    /**
     * Requires {@code action} on a workflow (or its instance in {@code namespace}); a caller that may not see the
     * namespace gets {@code notFound}, exactly what a missing resource answers.
     */
    void require(String workflowId, String namespace, Action action, Supplier<RuntimeException> notFound) {
        AccessDecision decision = security.authorize(user, workflowId, namespace, action);
        switch (decision.result()) {
            case ALLOWED -> { }
            case HIDDEN -> {
                hidden = true;
                auditDetail = "hidden: " + decision.reason();
                throw notFound.get();
            }
            case UNAUTHENTICATED -> throw new AuthenticationException(AuthenticationException.Reason.MISSING_CREDENTIALS,
                    "credentials are required");
            case DENIED -> {
                auditDetail = decision.reason();
                throw new AccessDeniedException(user.id(), action,
                        workflowId == null ? null : "workflow '" + workflowId + "'", decision.reason());
            }
        }
    }

    /** Requires an action that concerns no workflow (admin operations, events, metrics). */
    void require(Action action) {
        require(null, null, action, () -> new ProblemException(ProblemType.NOT_FOUND, "not found"));
    }

    /** Whether the caller may do {@code action} on this workflow/namespace, without recording anything. */
    boolean may(String workflowId, String namespace, Action action) {
        return security.check(user, workflowId, namespace, action).allowed();
    }

    String path(String name, ProblemType notFound) {
        return Requests.id(ctx, name, notFound);
    }
}
