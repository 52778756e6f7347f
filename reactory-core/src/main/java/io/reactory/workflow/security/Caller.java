package io.reactory.workflow.security;

import java.util.Objects;

/**
 * Who is calling, from where: what the server (or the AMQP adapter) binds with {@link SecurityContext} while it works
 * on a request, so the start interceptor and security events know it.
 *
 * @param sourceAddress the client address, or null
 * @param requestId     correlates logs and audit entries, or null
 */
public record Caller(User user, String sourceAddress, String requestId) {
    public Caller {
        Objects.requireNonNull(user, "user");
    }
}
