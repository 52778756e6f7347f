package io.reactory.workflow.security;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the security manager authenticates, authorises and limits.
 *
 * @param jwt             bearer JWT validation, or null to accept API keys only
 * @param adminRole       the role that may do everything in its namespace, and the admin operations when its
 *                        namespace is {@code *}; it passes every workflow's {@code allowedRoles}
 * @param rolePermissions permissions each role grants, added to those a credential carries itself
 * @param rateLimits      request budgets
 * @param apiKeyCacheTtl  how long a looked-up API key is trusted without asking the store again: a key revoked on
 *                        another node stops working after at most this long (at once on the node that revoked it)
 */
public record SecurityOptions(JwtOptions jwt, String adminRole, Map<String, Set<String>> rolePermissions,
                              RateLimitOptions rateLimits, Duration apiKeyCacheTtl) {

    /** The built-in roles: {@code admin} (everything), {@code operator} (run and control workflows, publish events, read metrics), {@code viewer} (read). */
    public static final Map<String, Set<String>> DEFAULT_ROLES = Map.of(
            "admin", Set.of("*"),
            "operator", Set.of("workflow:*", "events:publish", "metrics:read"),
            "viewer", Set.of("workflow:read"));

    public SecurityOptions {
        Objects.requireNonNull(adminRole, "adminRole");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(apiKeyCacheTtl, "apiKeyCacheTtl");
        rolePermissions = rolePermissions == null ? Map.of() : Map.copyOf(rolePermissions);
        if (apiKeyCacheTtl.isNegative() || apiKeyCacheTtl.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("apiKeyCacheTtl must be between 0 and 5 minutes but was " + apiKeyCacheTtl);
        }
    }

    /** No JWT, the built-in roles, default rate limits, 5 s API-key cache. */
    public static SecurityOptions defaults() {
        return new SecurityOptions(null, "admin", DEFAULT_ROLES, RateLimitOptions.defaults(), Duration.ofSeconds(5));
    }

    public SecurityOptions withJwt(JwtOptions value) {
        return new SecurityOptions(value, adminRole, rolePermissions, rateLimits, apiKeyCacheTtl);
    }

    public SecurityOptions withRolePermissions(Map<String, Set<String>> value) {
        return new SecurityOptions(jwt, adminRole, value, rateLimits, apiKeyCacheTtl);
    }

    public SecurityOptions withRateLimits(RateLimitOptions value) {
        return new SecurityOptions(jwt, adminRole, rolePermissions, value, apiKeyCacheTtl);
    }

    public SecurityOptions withApiKeyCacheTtl(Duration value) {
        return new SecurityOptions(jwt, adminRole, rolePermissions, rateLimits, value);
    }
}
