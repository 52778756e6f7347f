package io.reactory.workflow.security;

import java.time.Duration;

/**
 * The state of a caller's request budget for one endpoint after a check (the specification's {@code IRateLimitInfo}).
 *
 * @param allowed    whether this request may go ahead (a token was taken)
 * @param limit      the bucket's capacity (the burst a caller may send at once)
 * @param remaining  tokens left after this request
 * @param resetAfter how long until the bucket is full again
 * @param retryAfter when refused, how long until one token is back; zero when allowed
 */
public record RateLimitInfo(boolean allowed, long limit, long remaining, Duration resetAfter, Duration retryAfter) {
    /** What a check answers when rate limiting is switched off. */
    public static final RateLimitInfo UNLIMITED = new RateLimitInfo(true, Long.MAX_VALUE, Long.MAX_VALUE, Duration.ZERO,
            Duration.ZERO);

    public boolean isUnlimited() {
        return limit == Long.MAX_VALUE;
    }
}
