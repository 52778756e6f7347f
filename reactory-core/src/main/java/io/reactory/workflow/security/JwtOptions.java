package io.reactory.workflow.security;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How bearer JWTs are checked. Either an HMAC shared secret (HS256/384/512), or RSA/EC public keys (RS*, PS*, ES*), or
 * both; a token is only verified with a key of its algorithm's family, so an HMAC token "signed" with an RSA public
 * key is refused (key confusion), and so is {@code alg: none}. {@code exp} and {@code sub} are required; {@code nbf},
 * {@code iss} and {@code aud} are checked when configured or present.
 *
 * <pre>{@code
 * JwtOptions jwt = JwtOptions.builder().issuer("https://login.example.com").audience("reactory")
 *         .publicKeys(JwtOptions.loadPublicKeys(Path.of("jwks.json"))).build();
 * }</pre>
 *
 * @param issuer           the required {@code iss}, or null to accept any
 * @param audiences        accepted {@code aud} values; empty to accept any (then {@code aud} is not required)
 * @param hmacSecret       the HS* secret, at least 32 bytes; or null
 * @param publicKeys       RSA and EC verification keys (RS, PS and ES algorithms) by key id ({@code kid}); tokens naming a kid use that key only
 * @param clockSkew        tolerance for {@code exp} and {@code nbf}
 * @param rolesClaim       the claim holding role names (a list, or a space/comma separated string)
 * @param permissionsClaim the claim holding permissions; {@code scope} is read when it is absent
 * @param namespaceClaim   the claim holding the caller's namespace ({@code *} for all); absent means {@code default}
 */
public record JwtOptions(String issuer, Set<String> audiences, byte[] hmacSecret, Map<String, PublicKey> publicKeys,
                         Duration clockSkew, String rolesClaim, String permissionsClaim, String namespaceClaim) {

    public JwtOptions {
        audiences = audiences == null ? Set.of() : Set.copyOf(audiences);
        hmacSecret = hmacSecret == null ? null : hmacSecret.clone();
        publicKeys = publicKeys == null ? Map.of() : Map.copyOf(publicKeys);
        Objects.requireNonNull(clockSkew, "clockSkew");
        Objects.requireNonNull(rolesClaim, "rolesClaim");
        Objects.requireNonNull(permissionsClaim, "permissionsClaim");
        Objects.requireNonNull(namespaceClaim, "namespaceClaim");
        if (hmacSecret != null && hmacSecret.length < 32) {
            throw new IllegalArgumentException("hmacSecret must be at least 32 bytes (256 bits) but was " + hmacSecret.length);
        }
        if (hmacSecret == null && publicKeys.isEmpty()) {
            throw new IllegalArgumentException("JWT validation needs an hmacSecret or at least one public key");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(10)) > 0) {
            throw new IllegalArgumentException("clockSkew must be between 0 and 10 minutes but was " + clockSkew);
        }
        for (Map.Entry<String, PublicKey> key : publicKeys.entrySet()) {
            if (!(key.getValue() instanceof RSAPublicKey) && !(key.getValue() instanceof ECPublicKey)) {
                throw new IllegalArgumentException("public key '" + key.getKey() + "' must be an RSA or EC key but is "
                        + key.getValue().getAlgorithm());
            }
        }
    }

    @Override
    public byte[] hmacSecret() {
        return hmacSecret == null ? null : hmacSecret.clone();
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads verification keys from a JWKS document ({@code {"keys": [...]}}) or from PEM {@code PUBLIC KEY} blocks;
     * PEM keys are named {@code pem-1}, {@code pem-2}... in file order.
     *
     * @throws IllegalArgumentException naming the file when it holds no usable key
     */
    public static Map<String, PublicKey> loadPublicKeys(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        try {
            if (text.trim().startsWith("{")) {
                int n = 0;
                for (JWK jwk : JWKSet.parse(text).getKeys()) {
                    n++;
                    String kid = jwk.getKeyID() == null ? "jwk-" + n : jwk.getKeyID();
                    switch (jwk.getKeyType().getValue()) {
                        case "RSA" -> keys.put(kid, jwk.toRSAKey().toRSAPublicKey());
                        case "EC" -> keys.put(kid, jwk.toECKey().toECPublicKey());
                        default -> { } // symmetric keys never come from a public key file
                    }
                }
            } else {
                Matcher m = Pattern.compile("-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]+)-----END PUBLIC KEY-----").matcher(text);
                int n = 0;
                while (m.find()) {
                    byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                    keys.put("pem-" + (++n), decodePublicKey(der));
                }
            }
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException | java.security.GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot read public keys from " + file + ": " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("no RSA or EC public key found in " + file
                    + " (expected a JWKS document or PEM 'PUBLIC KEY' blocks)");
        }
        return keys;
    }

    private static PublicKey decodePublicKey(byte[] der) throws java.security.GeneralSecurityException {
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        try {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        } catch (java.security.spec.InvalidKeySpecException notRsa) {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        }
    }

    /** Builds {@link JwtOptions}; defaults: no issuer or audience check, 60 s skew, claims {@code roles}, {@code permissions}, {@code namespace}. */
    public static final class Builder {
        private String issuer;
        private Set<String> audiences = Set.of();
        private byte[] hmacSecret;
        private Map<String, PublicKey> publicKeys = Map.of();
        private Duration clockSkew = Duration.ofSeconds(60);
        private String rolesClaim = "roles";
        private String permissionsClaim = "permissions";
        private String namespaceClaim = "namespace";

        private Builder() {}

        public Builder issuer(String value) {
            this.issuer = value;
            return this;
        }

        public Builder audience(String... values) {
            this.audiences = Set.of(values);
            return this;
        }

        public Builder audiences(Set<String> values) {
            this.audiences = values;
            return this;
        }

        public Builder hmacSecret(byte[] value) {
            this.hmacSecret = value;
            return this;
        }

        public Builder publicKeys(Map<String, PublicKey> value) {
            this.publicKeys = value;
            return this;
        }

        public Builder clockSkew(Duration value) {
            this.clockSkew = value;
            return this;
        }

        public Builder rolesClaim(String value) {
            this.rolesClaim = value;
            return this;
        }

        public Builder permissionsClaim(String value) {
            this.permissionsClaim = value;
            return this;
        }

        public Builder namespaceClaim(String value) {
            this.namespaceClaim = value;
            return this;
        }

        public JwtOptions build() {
            return new JwtOptions(issuer, audiences, hmacSecret, publicKeys, clockSkew, rolesClaim, permissionsClaim,
                    namespaceClaim);
        }
    }
}
