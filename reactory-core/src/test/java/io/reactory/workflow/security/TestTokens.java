package io.reactory.workflow.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Signs test JWTs: valid ones with a shared secret, an RSA or an EC key, and the attack shapes (alg none, HS256
 * signed with the RSA public key, wrong key, expired). Used by the core's and the server's tests.
 */
public final class TestTokens {
    public static final String ISSUER = "https://login.test";
    public static final String AUDIENCE = "reactory";
    public static final byte[] SECRET = "a-shared-secret-of-at-least-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    public final KeyPair rsa = generate("RSA", null);
    public final KeyPair otherRsa = generate("RSA", null);
    public final KeyPair ec = generate("EC", new ECGenParameterSpec("secp256r1"));
    private final Instant now;

    public TestTokens(Instant now) {
        this.now = now;
    }

    /** Options trusting {@link #SECRET}, {@link #rsa} (kid {@code rsa-1}) and {@link #ec} (kid {@code ec-1}). */
    public JwtOptions options() {
        return JwtOptions.builder().issuer(ISSUER).audience(AUDIENCE).hmacSecret(SECRET)
                .publicKeys(java.util.Map.of("rsa-1", rsa.getPublic(), "ec-1", ec.getPublic())).build();
    }

    /** Options trusting only the RSA and EC public keys (no shared secret). */
    public JwtOptions publicKeyOnlyOptions() {
        return JwtOptions.builder().issuer(ISSUER).audience(AUDIENCE)
                .publicKeys(java.util.Map.of("rsa-1", rsa.getPublic(), "ec-1", ec.getPublic())).build();
    }

    /** Claims for {@code subject} valid for an hour from the test's now. */
    public JWTClaimsSet.Builder claims(String subject, String namespace, List<String> roles, List<String> permissions) {
        JWTClaimsSet.Builder b = new JWTClaimsSet.Builder().subject(subject).issuer(ISSUER).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(3600)));
        if (namespace != null) {
            b.claim("namespace", namespace);
        }
        if (roles != null) {
            b.claim("roles", roles);
        }
        if (permissions != null) {
            b.claim("permissions", permissions);
        }
        return b;
    }

    public String hs256(String subject, String namespace, List<String> roles, List<String> permissions) {
        return hs256(claims(subject, namespace, roles, permissions).build());
    }

    public String hs256(JWTClaimsSet claims) {
        return sign(macSigner(SECRET), JWSAlgorithm.HS256, null, claims);
    }

    public String rs256(JWTClaimsSet claims) {
        return sign(new RSASSASigner(rsa.getPrivate()), JWSAlgorithm.RS256, "rsa-1", claims);
    }

    public String rs256WithOtherKey(JWTClaimsSet claims) {
        return sign(new RSASSASigner(otherRsa.getPrivate()), JWSAlgorithm.RS256, "rsa-1", claims);
    }

    public String es256(JWTClaimsSet claims) {
        try {
            return sign(new ECDSASigner((ECPrivateKey) ec.getPrivate()), JWSAlgorithm.ES256, "ec-1", claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The unsigned token of the {@code alg: none} attack. */
    public String algNone(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }

    /** The key-confusion attack: HS256 whose "secret" is the server's RSA public key. */
    public String hs256SignedWithRsaPublicKey(JWTClaimsSet claims) {
        return sign(macSigner(rsa.getPublic().getEncoded()), JWSAlgorithm.HS256, null, claims);
    }

    /** A valid token with one claim changed after signing (the signature no longer matches). */
    public String tampered(String token, UnaryOperator<String> payloadJson) {
        String[] parts = token.split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String changed = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payloadJson.apply(payload).getBytes(StandardCharsets.UTF_8));
        return parts[0] + "." + changed + "." + parts[2];
    }

    private static String sign(JWSSigner signer, JWSAlgorithm alg, String kid, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static MACSigner macSigner(byte[] secret) {
        try {
            return new MACSigner(secret);
        } catch (com.nimbusds.jose.KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec spec) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
            if (spec != null) {
                g.initialize(spec);
            } else {
                g.initialize(2048);
            }
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException | java.security.InvalidAlgorithmParameterException e) {
            throw new IllegalStateException(e);
        }
    }
}
