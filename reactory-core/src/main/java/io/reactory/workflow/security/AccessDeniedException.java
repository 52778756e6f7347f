package io.reactory.workflow.security;

import io.reactory.workflow.api.WorkflowException;

/** An authenticated caller is not allowed to do what it asked (HTTP 403). */
public class AccessDeniedException extends WorkflowException {
    private final String userId;
    private final Action action;
    private final String target;

    public AccessDeniedException(String userId, Action action, String target, String reason) {
        super("'" + userId + "' may not " + action.name().toLowerCase(java.util.Locale.ROOT)
                + (target == null ? "" : " " + target) + ": " + reason);
        this.userId = userId;
        this.action = action;
        this.target = target;
    }

    public String userId() {
        return userId;
    }

    public Action action() {
        return action;
    }

    /** What was asked for ({@code workflow 'x'}), or null. */
    public String target() {
        return target;
    }
}
