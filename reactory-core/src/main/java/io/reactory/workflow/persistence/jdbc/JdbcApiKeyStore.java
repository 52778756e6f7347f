package io.reactory.workflow.persistence.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.persistence.ApiKeyRecord;
import io.reactory.workflow.persistence.ApiKeyStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Hashed API keys in SQL (table {@code api_keys} of V40); roles and permissions as JSON arrays. */
final class JdbcApiKeyStore implements ApiKeyStore {
    private static final String INSERT = """
            INSERT INTO api_keys (key_id, secret_hash, user_id, namespace, roles, permissions, created_at, expires_at,
                                  revoked_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (key_id) DO NOTHING""";
    private static final String SELECT = """
            SELECT key_id, secret_hash, user_id, namespace, roles, permissions, created_at, expires_at, revoked_at
            FROM api_keys""";
    // the first revocation's time stays: a second revoke finds the key (true) and changes nothing
    private static final String REVOKE = """
            UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE key_id = ?""";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

    private final Database database;

    JdbcApiKeyStore(Database database) {
        this.database = database;
    }

    @Override
    public boolean add(ApiKeyRecord key) {
        return database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(INSERT)) {
                s.setString(1, key.keyId());
                s.setString(2, key.secretHash());
                s.setString(3, key.userId());
                s.setString(4, key.namespace());
                s.setString(5, json(key.roles()));
                s.setString(6, json(key.permissions()));
                Micros.set(s, 7, key.createdAt());
                Micros.set(s, 8, key.expiresAt());
                Micros.set(s, 9, key.revokedAt());
                return s.executeUpdate() == 1;
            }
        });
    }

    @Override
    public Optional<ApiKeyRecord> find(String keyId) {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + " WHERE key_id = ?")) {
                s.setString(1, keyId);
                try (ResultSet rows = s.executeQuery()) {
                    return rows.next() ? Optional.of(key(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public List<ApiKeyRecord> list() {
        return database.read(c -> {
            try (PreparedStatement s = c.prepareStatement(SELECT + " ORDER BY created_at, key_id");
                 ResultSet rows = s.executeQuery()) {
                List<ApiKeyRecord> out = new ArrayList<>();
                while (rows.next()) {
                    out.add(key(rows));
                }
                return out;
            }
        });
    }

    @Override
    public boolean revoke(String keyId, Instant at) {
        return database.transaction(c -> {
            try (PreparedStatement s = c.prepareStatement(REVOKE)) {
                Micros.set(s, 1, at);
                s.setString(2, keyId);
                return s.executeUpdate() == 1;
            }
        });
    }

    private static ApiKeyRecord key(ResultSet rows) throws SQLException {
        return new ApiKeyRecord(rows.getString("key_id"), rows.getString("secret_hash"), rows.getString("user_id"),
                rows.getString("namespace"), strings(rows.getString("roles")), strings(rows.getString("permissions")),
                Micros.get(rows, "created_at"), Micros.get(rows, "expires_at"), Micros.get(rows, "revoked_at"));
    }

    private static String json(Set<String> values) {
        try {
            // sorted, so the same key always stores the same text
            return Json.mapper().writeValueAsString(new TreeSet<>(values));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a set of strings is always JSON", e);
        }
    }

    private static Set<String> strings(String json) throws SQLException {
        try {
            return Set.copyOf(Json.mapper().readValue(json, STRINGS));
        } catch (JsonProcessingException e) {
            throw new SQLException("api_keys holds roles or permissions that are not a JSON array of strings", e);
        }
    }
}
