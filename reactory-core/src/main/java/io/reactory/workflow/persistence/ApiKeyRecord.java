package io.reactory.workflow.persistence;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * An API key as stored: never the key itself, only the SHA-256 of its secret part. Keys are high-entropy random
 * strings, so a fast hash is enough (a slow password hash guards low-entropy secrets).
 *
 * @param keyId       the public part of the key, used to look it up
 * @param secretHash  hex SHA-256 of the whole key
 * @param userId      who the key acts as
 * @param namespace   the namespace it may act in ({@code *} for all)
 * @param expiresAt   when it stops working, or null for never
 * @param revokedAt   when it was revoked, or null while valid
 */
public record ApiKeyRecord(String keyId, String secretHash, String userId, String namespace, Set<String> roles,
                           Set<String> permissions, Instant createdAt, Instant expiresAt, Instant revokedAt) {
    public ApiKeyRecord {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(secretHash, "secretHash");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(createdAt, "createdAt");
        roles = roles == null ? Set.of() : Set.copyOf(roles);
        permissions = permissions == null ? Set.of() : Set.copyOf(permissions);
    }

    public ApiKeyRecord revoked(Instant at) {
        return new ApiKeyRecord(keyId, secretHash, userId, namespace, roles, permissions, createdAt, expiresAt, at);
    }

    public boolean isActive(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
