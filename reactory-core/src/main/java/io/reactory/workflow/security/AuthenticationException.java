package io.reactory.workflow.security;

import io.reactory.workflow.api.WorkflowException;

/**
 * Credentials are missing or not valid. The message says what kind of problem it was (expired, bad signature...),
 * never the token or key itself.
 */
public class AuthenticationException extends WorkflowException {
    private final Reason reason;

    public AuthenticationException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** Why authentication failed. */
    public enum Reason {
        /** No credentials were given where they are required. */
        MISSING_CREDENTIALS,
        /** Not a well-formed token or key. */
        MALFORMED,
        /** The signature does not verify, or no trusted key matches. */
        BAD_SIGNATURE,
        EXPIRED,
        NOT_YET_VALID,
        WRONG_ISSUER,
        WRONG_AUDIENCE,
        /** A claim the server requires ({@code sub}, {@code exp}) is absent. */
        MISSING_CLAIM,
        /** The API key is unknown, revoked, expired or its secret does not match. */
        INVALID_API_KEY,
        /** An attack shape: {@code alg: none}, an HMAC token where only public keys are trusted, a subject mismatch. */
        TOKEN_MISUSE
    }
}
