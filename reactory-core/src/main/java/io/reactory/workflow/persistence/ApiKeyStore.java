package io.reactory.workflow.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** API keys (hashed). Thread-safe. */
public interface ApiKeyStore {

    /** Stores a new key; false (and nothing changes) when a key with that id exists, revoked or not. */
    boolean add(ApiKeyRecord key);

    Optional<ApiKeyRecord> find(String keyId);

    /** Every key, revoked ones included, oldest first. */
    List<ApiKeyRecord> list();

    /** Marks a key revoked; false when there is no such key. Revoking twice keeps the first time. */
    boolean revoke(String keyId, Instant at);
}
