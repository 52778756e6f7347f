package io.reactory.workflow.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.reactory.workflow.security.AuthenticationException.Reason;
import java.security.Key;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies bearer JWTs with nimbus-jose-jwt: the signature with a key of the algorithm's family only, then the claims
 * against an injected clock. Thread-safe.
 */
final class JwtValidator {
    private static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    private static final Set<JWSAlgorithm> RSA = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    private static final Set<JWSAlgorithm> EC = Set.of(JWSAlgorithm.ES256, JWSAlgorithm.ES384, JWSAlgorithm.ES512);

    private final JwtOptions options;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final Key hmacKey;

    JwtValidator(JwtOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
        byte[] secret = options.hmacSecret();
        this.hmacKey = secret == null ? null : new SecretKeySpec(secret, "HmacSHA256");
        processor.setJWSKeySelector(keySelector());
        // claims are checked below, against the injected clock and with our own reasons
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
    }

    /** True when the text has the shape of a JWT (three dot-separated parts), as opposed to an API key. */
    static boolean looksLikeJwt(String token) {
        int first = token.indexOf('.');
        return first > 0 && token.indexOf('.', first + 1) > first;
    }

    /**
     * @return the user the token describes, with role grants not yet applied
     * @throws AuthenticationException saying why the token is refused
     */
    Claims validate(String token) {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            if (headerSaysNone(token)) {
                throw new AuthenticationException(Reason.TOKEN_MISUSE, "unsigned JWT (alg: none) refused");
            }
            throw new AuthenticationException(Reason.MALFORMED, "bearer token is not a well-formed JWT");
        }
        if (jwt instanceof PlainJWT) {
            throw new AuthenticationException(Reason.TOKEN_MISUSE, "unsigned JWT (alg: none) refused");
        }
        if (!(jwt instanceof SignedJWT signed)) {
            throw new AuthenticationException(Reason.MALFORMED, "encrypted JWTs are not accepted; send a signed JWT");
        }
        JWSAlgorithm alg = signed.getHeader().getAlgorithm();
        if (HMAC.contains(alg) && hmacKey == null) {
            // the classic key-confusion attack: HS256 "signed" with the server's RSA public key as the secret
            throw new AuthenticationException(Reason.TOKEN_MISUSE,
                    "HMAC-signed JWT refused: this server trusts only public-key signatures (" + alg + ")");
        }
        if (!HMAC.contains(alg) && !RSA.contains(alg) && !EC.contains(alg)) {
            throw new AuthenticationException(Reason.BAD_SIGNATURE, "JWT algorithm " + alg + " is not accepted");
        }
        JWTClaimsSet claims;
        try {
            claims = processor.process(signed, null);
        } catch (BadJOSEException | JOSEException e) {
            throw new AuthenticationException(Reason.BAD_SIGNATURE, "JWT signature does not verify with a trusted key");
        }
        return checkClaims(claims);
    }

    private static boolean headerSaysNone(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0) {
            return false;
        }
        try {
            String header = new String(java.util.Base64.getUrlDecoder().decode(token.substring(0, dot)),
                    java.nio.charset.StandardCharsets.UTF_8);
            return header.replace(" ", "").toLowerCase(java.util.Locale.ROOT).contains("\"alg\":\"none\"");
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private Claims checkClaims(JWTClaimsSet claims) {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        if (exp == null) {
            throw new AuthenticationException(Reason.MISSING_CLAIM, "JWT has no 'exp' claim; tokens must expire");
        }
        if (!now.isBefore(exp.toInstant().plus(options.clockSkew()))) {
            throw new AuthenticationException(Reason.EXPIRED, "JWT expired");
        }
        Date nbf = claims.getNotBeforeTime();
        if (nbf != null && now.plus(options.clockSkew()).isBefore(nbf.toInstant())) {
            throw new AuthenticationException(Reason.NOT_YET_VALID, "JWT is not valid yet (nbf)");
        }
        if (options.issuer() != null && !options.issuer().equals(claims.getIssuer())) {
            throw new AuthenticationException(Reason.WRONG_ISSUER, "JWT issuer is not the trusted issuer");
        }
        if (!options.audiences().isEmpty()) {
            List<String> aud = claims.getAudience();
            if (aud == null || aud.stream().noneMatch(options.audiences()::contains)) {
                throw new AuthenticationException(Reason.WRONG_AUDIENCE, "JWT audience does not include this server");
            }
        }
        String subject = claims.getSubject();
        if (subject == null || subject.isBlank()) {
            throw new AuthenticationException(Reason.MISSING_CLAIM, "JWT has no 'sub' claim");
        }
        Set<String> roles = strings(claims, options.rolesClaim());
        Set<String> permissions = strings(claims, options.permissionsClaim());
        if (permissions.isEmpty() && claims.getClaim(options.permissionsClaim()) == null) {
            permissions = strings(claims, "scope");
        }
        Object ns = claims.getClaim(options.namespaceClaim());
        return new Claims(subject, ns instanceof String s && !s.isBlank() ? s : null, roles, permissions);
    }

    private static Set<String> strings(JWTClaimsSet claims, String name) {
        Object value = claims.getClaim(name);
        Set<String> out = new LinkedHashSet<>();
        if (value instanceof String s) {
            for (String part : s.split("[\\s,]+")) {
                if (!part.isBlank()) {
                    out.add(part);
                }
            }
        } else if (value instanceof Collection<?> list) {
            for (Object item : list) {
                if (item instanceof String s && !s.isBlank()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private JWSKeySelector<SecurityContext> keySelector() {
        return (header, context) -> keysFor(header);
    }

    private List<Key> keysFor(JWSHeader header) {
        JWSAlgorithm alg = header.getAlgorithm();
        List<Key> keys = new ArrayList<>(2);
        if (HMAC.contains(alg)) {
            if (hmacKey != null) {
                keys.add(hmacKey);
            }
            return keys;
        }
        Class<? extends PublicKey> type = RSA.contains(alg) ? RSAPublicKey.class : EC.contains(alg) ? ECPublicKey.class : null;
        if (type == null) {
            return keys;
        }
        String kid = header.getKeyID();
        for (Map.Entry<String, PublicKey> key : options.publicKeys().entrySet()) {
            if (type.isInstance(key.getValue()) && (kid == null || kid.equals(key.getKey()))) {
                keys.add(key.getValue());
            }
        }
        return keys;
    }

    /** What a valid token says about its bearer. */
    record Claims(String subject, String namespace, Set<String> roles, Set<String> permissions) {}
}
