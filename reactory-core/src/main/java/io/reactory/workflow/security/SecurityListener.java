package io.reactory.workflow.security;

import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.SecurityEvent;

/**
 * Observes the security manager, for metrics: every security event it records, every request it refuses for its rate
 * limit (not only the once-a-minute {@code RATE_LIMITED} events), every audit entry. Called on the request's thread
 * after the record is stored; keep it quick and never throw (an exception is logged and ignored).
 */
public interface SecurityListener {

    default void securityEvent(SecurityEvent event) {}

    /**
     * A request was refused because its caller's budget for {@code endpoint} is spent.
     *
     * @param endpoint the rate-limit key, e.g. {@code POST /workflow/start/{workflowId}}, or
     *                 {@code authentication-failures} for the failed-authentication budget of an address
     */
    default void rateLimited(String endpoint) {}

    /** An entry was appended to the audit log. */
    default void audited(AuditRecord record) {}
}
