package io.reactory.workflow.security;

import io.reactory.workflow.api.StartInterceptor;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowNotFoundException;
import java.util.Optional;

/**
 * Gives every new instance its workflow's namespace and checks the bound caller's right to start it. A caller that
 * cannot see the workflow's namespace is told the workflow does not exist.
 */
final class SecurityStartInterceptor implements StartInterceptor {
    private final WorkflowSecurityManager manager;

    SecurityStartInterceptor(WorkflowSecurityManager manager) {
        this.manager = manager;
    }

    @Override
    public StartRequest beforeStart(StartRequest request) {
        String workflowId = request.definition().id();
        StartOptions options = request.options();
        String namespace = options.namespace();
        if (namespace == null) {
            namespace = manager.namespaceOf(workflowId);
            request = request.withOptions(options.withNamespace(namespace));
        }
        Optional<Caller> caller = SecurityContext.current();
        if (caller.isEmpty()) {
            return request;
        }
        User user = caller.get().user();
        AccessDecision decision = manager.authorize(user, workflowId, namespace, Action.START);
        return switch (decision.result()) {
            case ALLOWED -> request;
            case HIDDEN -> throw new WorkflowNotFoundException(workflowId, null);
            case UNAUTHENTICATED -> throw new AuthenticationException(AuthenticationException.Reason.MISSING_CREDENTIALS,
                    "credentials are required");
            case DENIED -> throw new AccessDeniedException(user.id(), Action.START, "workflow '" + workflowId + "'",
                    decision.reason());
        };
    }
}
