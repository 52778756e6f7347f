package io.reactory.workflow.security;

import io.reactory.workflow.config.WorkflowConfig;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/** The permission rules, pure: no store, no clock, no side effects. */
final class Authorizer {
    private final String adminRole;
    private final Map<String, Set<String>> rolePermissions;

    Authorizer(String adminRole, Map<String, Set<String>> rolePermissions) {
        this.adminRole = adminRole;
        this.rolePermissions = rolePermissions;
    }

    /**
     * @param namespace the target's namespace (null: the default one); ignored for actions that concern no workflow
     * @param security  the workflow's {@code security} section, or null
     */
    AccessDecision decide(User user, Action action, String namespace, WorkflowConfig.Security security) {
        if (action == Action.START && security != null && !security.isAuthRequired()) {
            return AccessDecision.ALLOW;
        }
        if (user.isAnonymous()) {
            return new AccessDecision(AccessDecision.Result.UNAUTHENTICATED, "credentials are required");
        }
        if (action.isWorkflowAction() && !user.canSee(namespace)) {
            return new AccessDecision(AccessDecision.Result.HIDDEN, "namespace '" + namespace + "' is not visible to "
                    + "a caller of namespace '" + user.namespace() + "'");
        }
        boolean admin = user.roles().contains(adminRole);
        if ((action == Action.ADMIN || action == Action.PUBLISH_EVENT) && !User.ALL_NAMESPACES.equals(user.namespace())) {
            return AccessDecision.deny("this operation needs access to every namespace (namespace '*')");
        }
        if (!admin && !holds(user, action.permission())) {
            return AccessDecision.deny("missing permission " + action.permission());
        }
        if (action.isWorkflowAction() && security != null && !admin) {
            if (!security.allowedRoles().isEmpty() && Collections.disjoint(security.allowedRoles(), user.roles())) {
                return AccessDecision.deny("needs one of the roles " + security.allowedRoles());
            }
            for (String permission : security.permissions()) {
                if (!holds(user, permission)) {
                    return AccessDecision.deny("missing permission " + permission);
                }
            }
        }
        return AccessDecision.ALLOW;
    }

    /** Whether the user holds a permission itself or through one of its roles (users built by any channel count). */
    private boolean holds(User user, String permission) {
        if (user.hasPermission(permission)) {
            return true;
        }
        for (String role : user.roles()) {
            Set<String> granted = rolePermissions.get(role);
            if (granted != null && User.grants(granted, permission)) {
                return true;
            }
        }
        return false;
    }
}
