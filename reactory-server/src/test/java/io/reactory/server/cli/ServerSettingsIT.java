package io.reactory.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.security.RateLimitOptions;
import io.reactory.workflow.security.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSettingsIT {
    private static final ServerSettings.Flags NO_FLAGS = new ServerSettings.Flags(null, null, null, null, null, null, null);

    @TempDir
    Path dir;

    @Test
    void defaults_listen_on_loopback_8080_with_rate_limits_and_no_jwt() {
        ServerSettings s = ServerSettings.resolve(NO_FLAGS, Map.of());
        assertThat(s.server().host()).isEqualTo("127.0.0.1");
        assertThat(s.server().port()).isEqualTo(8080);
        assertThat(s.server().maxBodyBytes()).isEqualTo(1024 * 1024);
        assertThat(s.security().jwt()).isNull();
        assertThat(s.security().rateLimits().enabled()).isTrue();
        assertThat(s.configDir()).isNull();
        assertThat(s.adminApiKey()).isNull();
    }

    @Test
    void flags_beat_environment_which_beats_the_file() throws IOException {
        Files.writeString(dir.resolve("server.yml"), """
                server: { host: 0.0.0.0, port: 9000, maxBodyBytes: 2048 }
                store: { data: /var/lib/reactory }
                """);
        ServerSettings fileOnly = ServerSettings.resolve(new ServerSettings.Flags(dir, null, null, null, null, null, null), Map.of());
        assertThat(fileOnly.server().host()).isEqualTo("0.0.0.0");
        assertThat(fileOnly.server().port()).isEqualTo(9000);
        assertThat(fileOnly.server().maxBodyBytes()).isEqualTo(2048);
        assertThat(fileOnly.dataDir()).isEqualTo(Path.of("/var/lib/reactory"));

        ServerSettings env = ServerSettings.resolve(new ServerSettings.Flags(dir, null, null, null, null, null, null),
                Map.of("REACTORY_PORT", "9100", "REACTORY_DATA", "/tmp/d", "REACTORY_DB_URL", "jdbc:postgresql://db/x"));
        assertThat(env.server().port()).isEqualTo(9100);
        assertThat(env.dataDir()).isEqualTo(Path.of("/tmp/d"));
        assertThat(env.dbUrl()).isEqualTo("jdbc:postgresql://db/x");

        ServerSettings flags = ServerSettings.resolve(new ServerSettings.Flags(dir, 0, "127.0.0.2", Path.of("/x"), null, null, null),
                Map.of("REACTORY_PORT", "9100"));
        assertThat(flags.server().port()).isZero();
        assertThat(flags.server().host()).isEqualTo("127.0.0.2");
        assertThat(flags.dataDir()).isEqualTo(Path.of("/x"));
    }

    @Test
    void jwt_comes_from_a_secret_in_the_environment_or_key_files_named_by_the_file() throws IOException {
        ServerSettings secret = ServerSettings.resolve(NO_FLAGS, Map.of("REACTORY_JWT_SECRET", "x".repeat(40),
                "REACTORY_JWT_ISSUER", "https://login", "REACTORY_JWT_AUDIENCE", "reactory, other"));
        assertThat(secret.security().jwt().issuer()).isEqualTo("https://login");
        assertThat(secret.security().jwt().audiences()).containsExactlyInAnyOrder("reactory", "other");

        TestTokens tokens = new TestTokens(Instant.now());
        Files.writeString(dir.resolve("keys.pem"), "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(tokens.rsa.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n");
        Files.writeString(dir.resolve("server.yml"), """
                security:
                  jwt:
                    issuer: https://idp
                    audiences: [reactory]
                    publicKeys: keys.pem
                    clockSkew: PT30S
                    claims: { roles: groups }
                  roles:
                    auditor: [workflow:read, metrics:read]
                  rateLimits:
                    default: { capacity: 10, refill: 5, period: PT1S }
                    endpoints:
                      "POST /workflow/start/{workflowId}": { capacity: 50, refill: 50, period: PT1S }
                """);
        ServerSettings file = ServerSettings.resolve(new ServerSettings.Flags(dir, null, null, null, null, null, null), Map.of());
        assertThat(file.security().jwt().publicKeys()).containsOnlyKeys("pem-1");
        assertThat(file.security().jwt().rolesClaim()).isEqualTo("groups");
        assertThat(file.security().jwt().clockSkew()).isEqualTo(Duration.ofSeconds(30));
        assertThat(file.security().rolePermissions()).containsKeys("auditor", "admin", "operator");
        RateLimitOptions limits = file.security().rateLimits();
        assertThat(limits.defaultLimit()).isEqualTo(new RateLimitOptions.Limit(10, 5, Duration.ofSeconds(1)));
        assertThat(limits.limitFor("POST /workflow/start/{workflowId}").capacity()).isEqualTo(50);

        ServerSettings off = ServerSettings.resolve(new ServerSettings.Flags(dir, null, null, null, null, null, null),
                Map.of("REACTORY_RATE_LIMITS", "off", "REACTORY_ADMIN_API_KEY", "k".repeat(40)));
        assertThat(off.security().rateLimits().enabled()).isFalse();
        assertThat(off.adminApiKey()).hasSize(40);
    }

    @Test
    void the_client_address_comes_from_forwarded_for_only_when_trusted_behind_the_configured_proxies() throws IOException {
        assertThat(ServerSettings.resolve(NO_FLAGS, Map.of()).server().trustForwardedFor()).isFalse();
        assertThat(ServerSettings.resolve(NO_FLAGS, Map.of()).server().trustedProxies()).isEqualTo(1);
        Files.writeString(dir.resolve("server.yml"), "server: { trustForwardedFor: true, trustedProxies: 2 }\n");
        ServerSettings two = ServerSettings.resolve(new ServerSettings.Flags(dir, null, null, null, null, null, null),
                Map.of());
        assertThat(two.server().trustForwardedFor()).isTrue();
        assertThat(two.server().trustedProxies()).isEqualTo(2);
        Files.writeString(dir.resolve("server.yml"), "server: { trustForwardedFor: true, trustedProxies: 0 }\n");
        assertThatThrownBy(() -> ServerSettings.resolve(new ServerSettings.Flags(dir, null, null, null, null, null,
                null), Map.of())).hasMessageContaining("server.trustedProxies").hasMessageContaining("between 1 and 32");
    }

    @Test
    void bad_settings_are_refused_naming_the_field() throws IOException {
        assertThatThrownBy(() -> ServerSettings.resolve(NO_FLAGS, Map.of("REACTORY_PORT", "eighty")))
                .hasMessageContaining("REACTORY_PORT");
        assertThatThrownBy(() -> ServerSettings.resolve(NO_FLAGS, Map.of("REACTORY_JWT_SECRET", "short")))
                .hasMessageContaining("32 bytes");
        Files.writeString(dir.resolve("bad.yml"), "security: { rateLimits: { default: { capacity: 0 } } }");
        assertThatThrownBy(() -> ServerSettings.resolve(new ServerSettings.Flags(null, null, null, null, null,
                dir.resolve("bad.yml"), null), Map.of())).hasMessageContaining("security.rateLimits.default");
    }
}
