package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.persistence.ApiKeyRecord;
import io.reactory.workflow.persistence.ApiKeyStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** API keys in the heap. */
final class MemoryApiKeyStore implements ApiKeyStore {
    private final Map<String, ApiKeyRecord> keys = new ConcurrentHashMap<>();

    @Override
    public boolean add(ApiKeyRecord key) {
        return keys.putIfAbsent(key.keyId(), key) == null;
    }

    @Override
    public Optional<ApiKeyRecord> find(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    @Override
    public List<ApiKeyRecord> list() {
        return keys.values().stream()
                .sorted(java.util.Comparator.comparing(ApiKeyRecord::createdAt).thenComparing(ApiKeyRecord::keyId))
                .toList();
    }

    @Override
    public boolean revoke(String keyId, Instant at) {
        return keys.computeIfPresent(keyId, (id, key) -> key.revokedAt() == null ? key.revoked(at) : key) != null;
    }
}
