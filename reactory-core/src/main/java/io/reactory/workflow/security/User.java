package io.reactory.workflow.security;

import java.util.Objects;
import java.util.Set;

/**
 * An authenticated caller (the specification's {@code IUser}), as a token or API key describes it.
 *
 * @param id          the subject: the JWT {@code sub}, or the user an API key acts as
 * @param namespace   the tenant the caller belongs to, or {@link #ALL_NAMESPACES}; instances of other namespaces do
 *                    not exist for it
 * @param roles       role names from the credential
 * @param permissions the credential's permissions plus those its roles grant (see {@link SecurityOptions#rolePermissions()})
 * @param method      how the caller proved who it is
 */
public record User(String id, String namespace, Set<String> roles, Set<String> permissions, AuthMethod method) {
    /** The namespace value that gives access to every namespace. */
    public static final String ALL_NAMESPACES = "*";
    /** The namespace of workflows whose configuration names none, and of callers whose credential names none. */
    public static final String DEFAULT_NAMESPACE = "default";
    /** A caller without credentials: it may only start workflows whose configuration says {@code requireAuth: false}. */
    public static final User ANONYMOUS = new User("anonymous", DEFAULT_NAMESPACE, Set.of(), Set.of(), AuthMethod.ANONYMOUS);

    public User {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
        namespace = namespace == null || namespace.isBlank() ? DEFAULT_NAMESPACE : namespace;
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
    }

    public boolean isAnonymous() {
        return method == AuthMethod.ANONYMOUS;
    }

    /** True when instances of {@code target} (null meaning the default namespace) are visible to this caller. */
    public boolean canSee(String target) {
        return ALL_NAMESPACES.equals(namespace) || namespace.equals(target == null ? DEFAULT_NAMESPACE : target);
    }

    /**
     * True when the caller holds {@code permission}: exactly, through a {@code prefix:*} wildcard, or through
     * {@code *}.
     */
    public boolean hasPermission(String permission) {
        return grants(permissions, permission);
    }

    /** Whether a set of held permissions covers {@code permission} (exactly, by {@code prefix:*}, or by {@code *}). */
    static boolean grants(Set<String> held, String permission) {
        if (held.contains(permission) || held.contains("*")) {
            return true;
        }
        int colon = permission.indexOf(':');
        return colon > 0 && held.contains(permission.substring(0, colon + 1) + "*");
    }

    /** How a caller authenticated. */
    public enum AuthMethod {
        JWT,
        API_KEY,
        ANONYMOUS,
        /** A channel of the server acting as the principal configured for it (the AMQP listener). */
        SERVICE
    }
}
