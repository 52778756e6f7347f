package io.reactory.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.persistence.ApiKeyRecord;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.security.AuthenticationException.Reason;
import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
    private final ManualClock clock = ManualClock.startingAt2026();
    private final InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    private final WorkflowSecurityManager security = WorkflowSecurityManager.create(
            SecurityOptions.defaults().withApiKeyCacheTtl(Duration.ofSeconds(5)), store, id -> Optional.empty(), clock);

    @Test
    void an_issued_key_authenticates_as_its_user_with_its_roles_and_namespace() {
        ApiKeys.IssuedKey issued = security.apiKeys().create("ci-bot", "etl", Set.of("viewer"), Set.of("data:read"), null);
        assertThat(issued.key()).startsWith("rk_").hasSize(3 + 43);

        User user = security.validateUser(null, issued.key());
        assertThat(user.id()).isEqualTo("ci-bot");
        assertThat(user.namespace()).isEqualTo("etl");
        assertThat(user.method()).isEqualTo(User.AuthMethod.API_KEY);
        assertThat(user.permissions()).containsExactlyInAnyOrder("data:read", "workflow:read");
    }

    @Test
    void only_the_hash_of_a_key_is_stored() {
        ApiKeys.IssuedKey issued = security.apiKeys().create("ci-bot", null, Set.of(), Set.of(), null);
        ApiKeyRecord stored = store.apiKeys().find(issued.record().keyId()).orElseThrow();
        assertThat(stored.toString()).doesNotContain(issued.key()).doesNotContain(issued.key().substring(3));
        assertThat(stored.secretHash()).hasSize(64).isEqualTo(ApiKeys.hash(issued.key()));
        assertThat(stored.keyId()).isEqualTo(stored.secretHash().substring(0, 16));
        assertThat(issued.toString()).doesNotContain(issued.key());
    }

    @Test
    void a_wrong_or_unknown_key_is_refused_with_one_message() {
        ApiKeys.IssuedKey issued = security.apiKeys().create("ci-bot", null, Set.of(), Set.of(), null);
        String wrong = issued.key().substring(0, issued.key().length() - 1) + (issued.key().endsWith("A") ? "B" : "A");
        for (String key : new String[] {wrong, "rk_" + "x".repeat(43), "short"}) {
            assertThatThrownBy(() -> security.validateUser(null, key))
                    .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                        assertThat(e.reason()).isEqualTo(Reason.INVALID_API_KEY);
                        assertThat(e.getMessage()).isEqualTo("invalid API key");
                    });
        }
    }

    @Test
    void a_revoked_key_stops_working_at_once_and_stays_listed_as_revoked() {
        ApiKeys.IssuedKey issued = security.apiKeys().create("ci-bot", null, Set.of(), Set.of(), null);
        security.validateUser(null, issued.key()); // now cached
        assertThat(security.apiKeys().revoke(issued.record().keyId())).isTrue();
        assertThatThrownBy(() -> security.validateUser(null, issued.key())).isInstanceOf(AuthenticationException.class);
        assertThat(security.apiKeys().list()).singleElement()
                .satisfies(k -> assertThat(k.revokedAt()).isEqualTo(clock.instant()));
        assertThat(security.apiKeys().revoke("no-such-key")).isFalse();
    }

    @Test
    void a_key_revoked_by_another_node_stops_working_when_the_cache_expires() {
        ApiKeys.IssuedKey issued = security.apiKeys().create("ci-bot", null, Set.of(), Set.of(), null);
        security.validateUser(null, issued.key());
        store.apiKeys().revoke(issued.record().keyId(), clock.instant()); // as another node would
        clock.advance(Duration.ofSeconds(6));
        assertThatThrownBy(() -> security.validateUser(null, issued.key())).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void an_expired_key_is_refused() {
        ApiKeys.IssuedKey issued = security.apiKeys().create("ci-bot", null, Set.of(), Set.of(),
                clock.instant().plus(Duration.ofHours(1)));
        security.validateUser(null, issued.key());
        clock.advance(Duration.ofHours(2));
        assertThatThrownBy(() -> security.validateUser(null, issued.key())).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void registering_an_operator_chosen_key_twice_keeps_one_and_a_revoked_one_stays_revoked() {
        String key = "operator-chosen-bootstrap-key-0123456789";
        ApiKeyRecord first = security.apiKeys().register(key, "root", "*", Set.of("admin"), Set.of(), null);
        security.apiKeys().revoke(first.keyId());
        ApiKeyRecord again = security.apiKeys().register(key, "root", "*", Set.of("admin"), Set.of(), null);
        assertThat(again.revokedAt()).isNotNull();
        assertThat(security.apiKeys().list()).hasSize(1);
        assertThatThrownBy(() -> security.apiKeys().register("too-short", "root", "*", Set.of(), Set.of(), null))
                .hasMessageContaining("32");
    }
}
