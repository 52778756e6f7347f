package io.reactory.server.amqp;

import io.reactory.workflow.api.WorkflowException;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.security.AccessDecision;
import io.reactory.workflow.security.AccessDeniedException;
import io.reactory.workflow.security.Action;
import io.reactory.workflow.security.AuthenticationException;
import io.reactory.workflow.security.Caller;
import io.reactory.workflow.security.SecurityContext;
import io.reactory.workflow.security.User;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.time.Clock;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the listener's configured principal the caller of each message's action, the way the REST API binds an
 * authenticated user: starts go through the security start interceptor (namespace, {@code workflow:start},
 * the workflow's {@code allowedRoles} and {@code permissions}), events need {@code events:publish}, and every
 * attempt is written to the audit log ({@code workflow.start} / {@code event.publish}, the message id as request
 * id). Thread-safe.
 */
public final class SecurityCallerBinding implements CallerBinding {
    private static final Logger log = LoggerFactory.getLogger(SecurityCallerBinding.class);

    private final WorkflowSecurityManager security;
    private final User user;
    private final Clock clock;

    private SecurityCallerBinding(WorkflowSecurityManager security, User user, Clock clock) {
        this.security = security;
        this.user = user;
        this.clock = clock;
    }

    /** A binding acting as {@code options}' principal, with its namespace and roles. */
    public static SecurityCallerBinding of(WorkflowSecurityManager security, AmqpOptions options, Clock clock) {
        User user = new User(options.principal(), options.principalNamespace(), options.principalRoles(), Set.of(),
                User.AuthMethod.SERVICE);
        return new SecurityCallerBinding(security, user, clock);
    }

    @Override
    public <T> T callAs(AmqpCaller caller, Supplier<T> action) {
        try {
            T result = SecurityContext.callAs(new Caller(user, null, caller.messageId()), () -> {
                if (AmqpCaller.PUBLISH_EVENT.equals(caller.action())) {
                    AccessDecision decision = security.authorize(user, null, null, Action.PUBLISH_EVENT);
                    if (!decision.allowed()) {
                        throw new AccessDeniedException(user.id(), Action.PUBLISH_EVENT, null, decision.reason());
                    }
                }
                return action.get();
            });
            audit(caller, AuditRecord.Outcome.SUCCESS, null);
            return result;
        } catch (RuntimeException e) {
            audit(caller, outcome(e), e.getClass().getSimpleName());
            throw e;
        }
    }

    private static AuditRecord.Outcome outcome(RuntimeException e) {
        if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
            return AuditRecord.Outcome.DENIED;
        }
        if (e instanceof IllegalArgumentException || e instanceof WorkflowException) {
            return AuditRecord.Outcome.REJECTED;
        }
        return AuditRecord.Outcome.FAILED;
    }

    private void audit(AmqpCaller caller, AuditRecord.Outcome outcome, String detail) {
        try {
            String namespace = caller.target().startsWith("workflow/")
                    ? security.namespaceOf(caller.target().substring("workflow/".length())) : null;
            security.logAction(new AuditRecord(clock.instant(), user.id(), namespace, caller.action(), caller.target(),
                    outcome, 0, null, caller.messageId(), detail == null ? "amqp queue " + caller.queue()
                            : "amqp queue " + caller.queue() + ": " + detail));
        } catch (RuntimeException e) {
            log.warn("could not write an audit entry for an AMQP {}: {}", caller.action(), e.toString());
        }
    }
}
