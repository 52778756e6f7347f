package io.reactory.workflow.security;

import io.reactory.workflow.api.StartInterceptor;
import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditQuery;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.SecurityEvent;
import io.reactory.workflow.persistence.SecurityEventQuery;
import io.reactory.workflow.persistence.WorkflowStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The specification's {@code SecurityManager} (renamed because {@code java.lang.SecurityManager} exists): validates
 * credentials, decides permissions, limits request rates, and keeps the audit log and security events. Channels (the
 * REST server, the AMQP adapter) authenticate a caller, bind it with {@link SecurityContext}, and register
 * {@link #startInterceptor()} on the runner so that every start, whatever its channel, is checked the same way.
 *
 * <p><b>Model.</b> A {@link User} has roles, permissions and a namespace. A workflow's namespace is its configuration's
 * {@code nameSpace} ({@code default} without one); instances carry the namespace they were started in. A user sees
 * only its own namespace's workflows and instances, unless its namespace is {@code *}; everything else answers as if
 * it did not exist. Per-workflow actions need the action's permission ({@code workflow:start}...), one of the
 * workflow's {@code allowedRoles} when it lists any, and all of its {@code security.permissions}; the admin role
 * passes the per-workflow checks. A workflow with {@code requireAuth: false} may be started by anyone.
 *
 * <pre>{@code
 * WorkflowSecurityManager security = WorkflowSecurityManager.create(SecurityOptions.defaults().withJwt(jwt),
 *         store, configs::find, Clock.systemUTC());
 * runner.addStartInterceptor(security.startInterceptor());
 * User user = security.validateUser(null, bearerToken);
 * String id = SecurityContext.callAs(new Caller(user, "10.0.0.7", null), () -> runner.startWorkflow("etl", null, data));
 * }</pre>
 *
 * <p>Thread-safe.
 */
public interface WorkflowSecurityManager {

    /**
     * @param store   where the audit log, security events and API keys live (the workflow store)
     * @param configs the configuration of a workflow by id, for its namespace and {@code security} section
     */
    static WorkflowSecurityManager create(SecurityOptions options, WorkflowStore store,
                                          Function<String, Optional<WorkflowConfig>> configs, Clock clock) {
        return new LocalSecurityManager(options, store, configs, clock);
    }

    /**
     * Checks a bearer credential: a JWT, or an API key. Failures are recorded as security events (with the address of
     * the caller bound in {@link SecurityContext}, if any) and count against that address's failure budget.
     *
     * @param userId the user the caller claims to be, or null to take whoever the credential names
     * @param token  the JWT or API key
     * @return the user, with the permissions its roles grant added
     * @throws AuthenticationException when the credential is missing or not valid, or names another user
     */
    User validateUser(String userId, String token);

    /**
     * Decides whether {@code user} may do {@code action}; refusals are recorded as security events.
     *
     * @param workflowId the workflow concerned, or null for actions that concern none (admin, events, metrics)
     * @param namespace  the namespace of the target (an instance's own), or null for the workflow's configured one
     */
    AccessDecision authorize(User user, String workflowId, String namespace, Action action);

    /**
     * The same decision as {@link #authorize}, recording nothing: for filtering lists, where leaving out what a caller
     * may not see is not a refusal.
     */
    AccessDecision check(User user, String workflowId, String namespace, Action action);

    /**
     * The specification's {@code checkPermissions}, taking the validated user rather than an id, because roles and
     * permissions come from the credential.
     *
     * @param action an {@link Action} name or permission ({@code "start"}, {@code "workflow:start"})
     * @throws IllegalArgumentException when the action is unknown
     */
    default boolean checkPermissions(User user, String workflowId, String action) {
        return authorize(user, workflowId, null, Action.parse(action)).allowed();
    }

    /** True when the workflow's configuration says {@code requireAuth: false}. */
    boolean allowsAnonymousStart(String workflowId);

    /** The namespace of a workflow: its configuration's {@code nameSpace}, or {@link User#DEFAULT_NAMESPACE}. */
    String namespaceOf(String workflowId);

    /**
     * Takes one request from {@code userId}'s budget for {@code endpoint}. A refusal is recorded as a security event
     * (once a minute per caller and endpoint).
     */
    RateLimitInfo checkRateLimit(String userId, String endpoint);

    /**
     * Whether credentials from {@code sourceAddress} are still checked: each failed authentication from an address
     * takes from its failure budget; an exhausted budget answers 429 without looking at credentials.
     */
    RateLimitInfo checkAuthenticationBudget(String sourceAddress);

    /** Appends to the tamper-evident audit log; returns the stored, chained entry. */
    AuditEntry logAction(AuditRecord entry);

    /** Audit entries matching the filters, newest first (paginated by the query's offset and limit). */
    List<AuditEntry> getAuditLog(AuditQuery filters);

    /** Recomputes the audit chain from the first entry; reports the first edited, missing or unlinked entry. */
    AuditVerification verifyAuditLog();

    SecurityEvent reportSecurityEvent(SecurityEvent event);

    List<SecurityEvent> getSecurityEvents(SecurityEventQuery query);

    /** The latest 100 security events. */
    default List<SecurityEvent> getSecurityEvents() {
        return getSecurityEvents(SecurityEventQuery.latest(100));
    }

    /** Issue, list and revoke API keys. */
    ApiKeys apiKeys();

    /**
     * The interceptor to register on every runner: fills in the workflow's namespace, and checks the bound caller's
     * permission to start (none bound: an in-process start, trusted).
     */
    StartInterceptor startInterceptor();

    SecurityOptions options();
}
