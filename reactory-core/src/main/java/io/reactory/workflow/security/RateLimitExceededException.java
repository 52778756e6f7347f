package io.reactory.workflow.security;

import io.reactory.workflow.api.WorkflowException;

/** A caller ran out of its request budget for an endpoint (HTTP 429). */
public class RateLimitExceededException extends WorkflowException {
    private final RateLimitInfo info;

    public RateLimitExceededException(String endpoint, RateLimitInfo info) {
        super("rate limit of " + info.limit() + " requests exceeded for " + endpoint + "; retry after "
                + Math.max(1, (info.retryAfter().toMillis() + 999) / 1000) + " s");
        this.info = info;
    }

    public RateLimitInfo info() {
        return info;
    }
}
