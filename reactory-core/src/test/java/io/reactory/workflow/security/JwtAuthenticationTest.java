package io.reactory.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jwt.JWTClaimsSet;
import io.reactory.workflow.persistence.SecurityEvent;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.security.AuthenticationException.Reason;
import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtAuthenticationTest {
    private final ManualClock clock = ManualClock.startingAt2026();
    private final TestTokens tokens = new TestTokens(clock.instant());
    private final InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    private final WorkflowSecurityManager security = WorkflowSecurityManager.create(
            SecurityOptions.defaults().withJwt(tokens.options()), store, id -> Optional.empty(), clock);

    private JWTClaimsSet alice() {
        return tokens.claims("alice", "etl", List.of("operator"), List.of("data:read")).build();
    }

    @Test
    void accepts_hs256_rs256_and_es256_tokens_and_reads_roles_permissions_and_namespace() {
        for (String token : List.of(tokens.hs256(alice()), tokens.rs256(alice()), tokens.es256(alice()))) {
            User user = security.validateUser(null, token);
            assertThat(user.id()).isEqualTo("alice");
            assertThat(user.namespace()).isEqualTo("etl");
            assertThat(user.roles()).containsExactly("operator");
            assertThat(user.method()).isEqualTo(User.AuthMethod.JWT);
            // the token's own permission plus what the operator role grants
            assertThat(user.permissions()).contains("data:read", "workflow:*", "events:publish");
            assertThat(user.hasPermission("workflow:start")).isTrue();
        }
    }

    @Test
    void a_token_without_namespace_claim_belongs_to_the_default_namespace() {
        User user = security.validateUser(null, tokens.hs256("bob", null, null, null));
        assertThat(user.namespace()).isEqualTo(User.DEFAULT_NAMESPACE);
        assertThat(user.roles()).isEmpty();
    }

    @Test
    void reads_permissions_from_scope_when_the_permissions_claim_is_absent() {
        JWTClaimsSet claims = tokens.claims("carol", null, null, null).claim("scope", "workflow:read metrics:read").build();
        assertThat(security.validateUser(null, tokens.hs256(claims)).permissions())
                .containsExactlyInAnyOrder("workflow:read", "metrics:read");
    }

    @Test
    void refuses_an_expired_token_but_tolerates_the_clock_skew() {
        String token = tokens.hs256(alice());
        clock.advance(Duration.ofSeconds(3600 + 30));
        assertThat(security.validateUser(null, token).id()).isEqualTo("alice");
        clock.advance(Duration.ofSeconds(31));
        assertReason(token, Reason.EXPIRED);
    }

    @Test
    void refuses_a_token_before_its_not_before_time() {
        JWTClaimsSet claims = tokens.claims("alice", null, null, null)
                .notBeforeTime(Date.from(clock.instant().plusSeconds(600))).build();
        assertReason(tokens.hs256(claims), Reason.NOT_YET_VALID);
    }

    @Test
    void refuses_the_wrong_issuer_and_the_wrong_audience() {
        assertReason(tokens.hs256(tokens.claims("alice", null, null, null).issuer("https://evil.test").build()),
                Reason.WRONG_ISSUER);
        assertReason(tokens.hs256(tokens.claims("alice", null, null, null).audience("someone-else").build()),
                Reason.WRONG_AUDIENCE);
    }

    @Test
    void refuses_tokens_without_expiry_or_subject() {
        assertReason(tokens.hs256(tokens.claims("alice", null, null, null).expirationTime(null).build()),
                Reason.MISSING_CLAIM);
        assertReason(tokens.hs256(tokens.claims(null, null, null, null).build()), Reason.MISSING_CLAIM);
    }

    @Test
    void refuses_a_wrong_signature_a_changed_payload_and_an_unknown_key() {
        assertReason(tokens.rs256WithOtherKey(alice()), Reason.BAD_SIGNATURE);
        assertReason(tokens.tampered(tokens.hs256(alice()), json -> json.replace("\"alice\"", "\"admin\"")),
                Reason.BAD_SIGNATURE);
    }

    @Test
    void refuses_alg_none_as_token_misuse_and_records_it() {
        assertReason(tokens.algNone(alice()), Reason.TOKEN_MISUSE);
        assertThat(security.getSecurityEvents()).extracting(SecurityEvent::type).containsExactly(SecurityEvent.Type.TOKEN_MISUSE);
    }

    @Test
    void refuses_key_confusion_when_only_public_keys_are_trusted() {
        WorkflowSecurityManager publicKeysOnly = WorkflowSecurityManager.create(
                SecurityOptions.defaults().withJwt(tokens.publicKeyOnlyOptions()), store, id -> Optional.empty(), clock);
        assertThat(publicKeysOnly.validateUser(null, tokens.rs256(alice())).id()).isEqualTo("alice");
        assertThatThrownBy(() -> publicKeysOnly.validateUser(null, tokens.hs256SignedWithRsaPublicKey(alice())))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TOKEN_MISUSE));
    }

    @Test
    void refuses_key_confusion_when_a_shared_secret_is_also_configured() {
        // the HMAC key is the configured secret, never the RSA key: the signature cannot verify
        assertReason(tokens.hs256SignedWithRsaPublicKey(alice()), Reason.BAD_SIGNATURE);
    }

    @Test
    void refuses_garbage_and_says_nothing_of_the_token_in_its_message() {
        assertThatThrownBy(() -> security.validateUser(null, "abc.def.ghi"))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.reason()).isIn(Reason.MALFORMED, Reason.TOKEN_MISUSE);
                    assertThat(e.getMessage()).doesNotContain("abc.def.ghi");
                });
    }

    @Test
    void refuses_a_token_naming_another_user_than_the_one_claimed() {
        assertReason("bob", tokens.hs256(alice()), Reason.TOKEN_MISUSE);
        assertThat(security.validateUser("alice", tokens.hs256(alice())).id()).isEqualTo("alice");
    }

    @Test
    void refuses_jwts_when_no_jwt_validation_is_configured() {
        WorkflowSecurityManager keysOnly = WorkflowSecurityManager.create(SecurityOptions.defaults(), store,
                id -> Optional.empty(), clock);
        assertThatThrownBy(() -> keysOnly.validateUser(null, tokens.hs256(alice())))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void records_each_failed_authentication_with_the_callers_address() {
        Caller caller = new Caller(User.ANONYMOUS, "10.1.2.3", "req-1");
        SecurityContext.callAs(caller, () -> {
            assertThatThrownBy(() -> security.validateUser(null, tokens.rs256WithOtherKey(alice())))
                    .isInstanceOf(AuthenticationException.class);
            return null;
        });
        assertThat(security.getSecurityEvents()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(SecurityEvent.Type.AUTHENTICATION_FAILED);
            assertThat(e.sourceAddress()).isEqualTo("10.1.2.3");
            assertThat(e.detail()).startsWith("bad_signature");
        });
    }

    @Test
    void options_refuse_a_short_secret_and_no_keys_at_all() {
        assertThatThrownBy(() -> JwtOptions.builder().hmacSecret(new byte[16]).build())
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> JwtOptions.builder().build()).hasMessageContaining("hmacSecret or at least one public key");
    }

    private void assertReason(String token, Reason reason) {
        assertReason(null, token, reason);
    }

    private void assertReason(String userId, String token, Reason reason) {
        assertThatThrownBy(() -> security.validateUser(userId, token))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }
}
