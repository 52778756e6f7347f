package io.reactory.workflow.security;

/**
 * The answer to "may this caller do this?".
 *
 * @param reason why it was refused (a missing permission, a role not allowed...), for logs and the audit trail; never
 *               shown to a caller who is {@link Result#HIDDEN hidden} from the target
 */
public record AccessDecision(Result result, String reason) {
    static final AccessDecision ALLOW = new AccessDecision(Result.ALLOWED, null);

    public boolean allowed() {
        return result == Result.ALLOWED;
    }

    static AccessDecision deny(String reason) {
        return new AccessDecision(Result.DENIED, reason);
    }

    /** The possible answers. */
    public enum Result {
        ALLOWED,
        /** Authenticated, but not allowed (HTTP 403). */
        DENIED,
        /** The target belongs to a namespace the caller cannot see: answer as if it did not exist (HTTP 404). */
        HIDDEN,
        /** Credentials are needed (HTTP 401). */
        UNAUTHENTICATED
    }
}
