package io.reactory.workflow.security;

import io.reactory.workflow.persistence.ApiKeyRecord;
import io.reactory.workflow.persistence.ApiKeyStore;
import io.reactory.workflow.security.AuthenticationException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues, checks and revokes API keys. Only the SHA-256 of a key is stored; its first 16 hex digits are the key's
 * public id (what lists and the audit log show). Issued keys are {@code rk_} and 43 characters of 256 random bits;
 * operators may also register a key of their own choosing (at least 32 characters) for bootstrapping. Thread-safe.
 */
public final class ApiKeys {
    /** The prefix of keys this server issues (recognisable in logs and secret scanners). */
    public static final String PREFIX = "rk_";
    private static final int MIN_KEY_LENGTH = 32;
    private static final int MAX_KEY_LENGTH = 512;
    private static final int MAX_CACHED = 10_000;

    private final ApiKeyStore store;
    private final Clock clock;
    private final Duration cacheTtl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    ApiKeys(ApiKeyStore store, Clock clock, Duration cacheTtl) {
        this.store = store;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    /**
     * Issues a new key. The returned plaintext is shown once and cannot be recovered.
     *
     * @param namespace the namespace the key acts in, {@code *} for all
     * @param expiresAt null for a key that does not expire
     */
    public IssuedKey create(String userId, String namespace, Set<String> roles, Set<String> permissions, Instant expiresAt) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String key = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new IssuedKey(key, register(key, userId, namespace, roles, permissions, expiresAt));
    }

    /**
     * Stores a key the operator chose (for example a bootstrap admin key from the environment). Registering the same
     * key again changes nothing, and a revoked key stays revoked.
     *
     * @throws IllegalArgumentException when the key is shorter than 32 characters or a field is invalid
     */
    public ApiKeyRecord register(String key, String userId, String namespace, Set<String> roles, Set<String> permissions,
                                 Instant expiresAt) {
        if (key == null || key.length() < MIN_KEY_LENGTH || key.length() > MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("an API key must be " + MIN_KEY_LENGTH + " to " + MAX_KEY_LENGTH
                    + " characters long");
        }
        if (userId == null || userId.isBlank() || userId.length() > 200) {
            throw new IllegalArgumentException("userId must be 1 to 200 characters");
        }
        String ns = namespace == null || namespace.isBlank() ? User.DEFAULT_NAMESPACE : namespace;
        String hash = hash(key);
        ApiKeyRecord record = new ApiKeyRecord(hash.substring(0, 16), hash, userId, ns, roles, permissions,
                clock.instant(), expiresAt, null);
        store.add(record);
        return store.find(record.keyId()).orElse(record);
    }

    /** Revokes a key by its id; it stops working at once on this node. False when there is no such key. */
    public boolean revoke(String keyId) {
        boolean revoked = store.revoke(keyId, clock.instant());
        cache.remove(keyId);
        return revoked;
    }

    /** Every key (never the keys themselves), revoked ones included. */
    public List<ApiKeyRecord> list() {
        return store.list();
    }

    public Optional<ApiKeyRecord> find(String keyId) {
        return store.find(keyId);
    }

    /**
     * @return the stored record of a valid key
     * @throws AuthenticationException ({@link Reason#INVALID_API_KEY}) for an unknown, revoked, expired or wrong key;
     *         the message does not say which
     */
    ApiKeyRecord validate(String key) {
        if (key.length() < MIN_KEY_LENGTH || key.length() > MAX_KEY_LENGTH) {
            throw invalid();
        }
        String hash = hash(key);
        String keyId = hash.substring(0, 16);
        Instant now = clock.instant();
        ApiKeyRecord record = lookup(keyId, now);
        if (record == null
                || !MessageDigest.isEqual(hash.getBytes(StandardCharsets.US_ASCII),
                        record.secretHash().getBytes(StandardCharsets.US_ASCII))
                || !record.isActive(now)) {
            throw invalid();
        }
        return record;
    }

    private ApiKeyRecord lookup(String keyId, Instant now) {
        Cached cached = cache.get(keyId);
        if (cached != null && now.isBefore(cached.fetchedAt.plus(cacheTtl))) {
            return cached.record;
        }
        ApiKeyRecord record = store.find(keyId).orElse(null);
        if (record != null && !cacheTtl.isZero()) {
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            // only keys that exist are cached, so guessing cannot fill the cache
            cache.put(keyId, new Cached(record, now));
        }
        return record;
    }

    private static AuthenticationException invalid() {
        return new AuthenticationException(Reason.INVALID_API_KEY, "invalid API key");
    }

    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private record Cached(ApiKeyRecord record, Instant fetchedAt) {}

    /**
     * A newly issued key.
     *
     * @param key    the plaintext, to hand to its user once
     * @param record what is stored
     */
    public record IssuedKey(String key, ApiKeyRecord record) {
        public IssuedKey {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(record, "record");
        }

        @Override
        public String toString() {
            return "IssuedKey[" + record.keyId() + " for " + record.userId() + "]";
        }
    }
}
