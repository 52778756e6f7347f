package io.reactory.workflow.security;

import io.reactory.workflow.api.StartInterceptor;
import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.persistence.ApiKeyRecord;
import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditQuery;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.AuditStore;
import io.reactory.workflow.persistence.SecurityEvent;
import io.reactory.workflow.persistence.SecurityEventQuery;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.security.AuthenticationException.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The security manager on one workflow store. Not API: obtain it with {@link WorkflowSecurityManager#create}. */
final class LocalSecurityManager implements WorkflowSecurityManager {
    private static final Logger log = LoggerFactory.getLogger(LocalSecurityManager.class);
    private static final String AUTH_FAILURES = "authentication-failures";
    private static final Duration COALESCE = Duration.ofMinutes(1);

    private final SecurityOptions options;
    private final Function<String, Optional<WorkflowConfig>> configs;
    private final Clock clock;
    private final AuditStore auditStore;
    private final AuditLog auditLog;
    private final ApiKeys apiKeys;
    private final JwtValidator jwt;
    private final RateLimiter limiter;
    private final Authorizer authorizer;
    private final StartInterceptor interceptor = new SecurityStartInterceptor(this);
    /** When a rate-limit event was last recorded per caller and endpoint: a flood of 429s records one a minute. */
    private final Map<String, Instant> lastLimitEvent = new ConcurrentHashMap<>();

    LocalSecurityManager(SecurityOptions options, WorkflowStore store, Function<String, Optional<WorkflowConfig>> configs,
                         Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.configs = configs == null ? id -> Optional.empty() : configs;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.auditStore = store.audit();
        this.auditLog = new AuditLog(auditStore);
        this.apiKeys = new ApiKeys(store.apiKeys(), clock, options.apiKeyCacheTtl());
        this.jwt = options.jwt() == null ? null : new JwtValidator(options.jwt(), clock);
        this.limiter = new RateLimiter(clock, options.rateLimits().maxTrackedBuckets());
        this.authorizer = new Authorizer(options.adminRole(), options.rolePermissions());
    }

    @Override
    public User validateUser(String userId, String token) {
        try {
            if (token == null || token.isBlank()) {
                throw new AuthenticationException(Reason.MISSING_CREDENTIALS, "credentials are required");
            }
            User user = token.startsWith(ApiKeys.PREFIX) || !JwtValidator.looksLikeJwt(token) ? fromApiKey(token) : fromJwt(token);
            if (userId != null && !userId.equals(user.id())) {
                throw new AuthenticationException(Reason.TOKEN_MISUSE, "the credentials belong to another user");
            }
            return user;
        } catch (AuthenticationException e) {
            if (e.reason() != Reason.MISSING_CREDENTIALS) {
                authenticationFailed(userId, e);
            }
            throw e;
        }
    }

    private User fromJwt(String token) {
        if (jwt == null) {
            throw new AuthenticationException(Reason.BAD_SIGNATURE, "JWT authentication is not configured on this server");
        }
        JwtValidator.Claims claims = jwt.validate(token);
        return new User(claims.subject(), claims.namespace(), claims.roles(),
                withRoleGrants(claims.roles(), claims.permissions()), User.AuthMethod.JWT);
    }

    private User fromApiKey(String token) {
        ApiKeyRecord key = apiKeys.validate(token);
        return new User(key.userId(), key.namespace(), key.roles(), withRoleGrants(key.roles(), key.permissions()),
                User.AuthMethod.API_KEY);
    }

    private Set<String> withRoleGrants(Set<String> roles, Set<String> permissions) {
        Set<String> all = new HashSet<>(permissions);
        for (String role : roles) {
            all.addAll(options.rolePermissions().getOrDefault(role, Set.of()));
        }
        return all;
    }

    private void authenticationFailed(String claimedUser, AuthenticationException e) {
        Optional<Caller> caller = SecurityContext.current();
        String source = caller.map(Caller::sourceAddress).orElse(null);
        if (source != null && options.rateLimits().enabled()) {
            limiter.consume(AUTH_FAILURES + '\u0000' + source, options.rateLimits().authenticationFailures());
        }
        SecurityEvent.Type type = e.reason() == Reason.TOKEN_MISUSE ? SecurityEvent.Type.TOKEN_MISUSE
                : SecurityEvent.Type.AUTHENTICATION_FAILED;
        reportSecurityEvent(SecurityEvent.of(clock.instant(), type, claimedUser, source, null,
                e.reason().name().toLowerCase(java.util.Locale.ROOT) + ": " + e.getMessage()));
    }

    @Override
    public AccessDecision check(User user, String workflowId, String namespace, Action action) {
        WorkflowConfig.Security security = workflowId == null ? null
                : configs.apply(workflowId).map(WorkflowConfig::security).orElse(null);
        String ns = namespace != null ? namespace : workflowId != null ? namespaceOf(workflowId) : null;
        return authorizer.decide(user, action, ns, security);
    }

    @Override
    public AccessDecision authorize(User user, String workflowId, String namespace, Action action) {
        AccessDecision decision = check(user, workflowId, namespace, action);
        if (decision.result() == AccessDecision.Result.DENIED || decision.result() == AccessDecision.Result.HIDDEN) {
            String source = SecurityContext.current().map(Caller::sourceAddress).orElse(null);
            reportSecurityEvent(SecurityEvent.of(clock.instant(), SecurityEvent.Type.PERMISSION_DENIED, user.id(), source,
                    workflowId == null ? action.permission() : "workflow/" + workflowId,
                    action.permission() + ": " + decision.reason()));
        }
        return decision;
    }

    @Override
    public boolean allowsAnonymousStart(String workflowId) {
        return configs.apply(workflowId).map(WorkflowConfig::security).map(s -> !s.isAuthRequired()).orElse(false);
    }

    @Override
    public String namespaceOf(String workflowId) {
        return configs.apply(workflowId).map(WorkflowConfig::nameSpace).filter(ns -> !ns.isBlank())
                .orElse(User.DEFAULT_NAMESPACE);
    }

    @Override
    public RateLimitInfo checkRateLimit(String userId, String endpoint) {
        RateLimitOptions limits = options.rateLimits();
        if (!limits.enabled()) {
            return RateLimitInfo.UNLIMITED;
        }
        String key = userId + '\u0000' + endpoint;
        RateLimitInfo info = limiter.consume(key, limits.limitFor(endpoint));
        if (!info.allowed()) {
            rateLimited(key, userId, endpoint);
        }
        return info;
    }

    @Override
    public RateLimitInfo checkAuthenticationBudget(String sourceAddress) {
        RateLimitOptions limits = options.rateLimits();
        if (!limits.enabled() || sourceAddress == null) {
            return RateLimitInfo.UNLIMITED;
        }
        String key = AUTH_FAILURES + '\u0000' + sourceAddress;
        RateLimitInfo info = limiter.peek(key, limits.authenticationFailures());
        if (!info.allowed()) {
            rateLimited(key, null, AUTH_FAILURES);
        }
        return info;
    }

    private void rateLimited(String key, String userId, String endpoint) {
        Instant now = clock.instant();
        Instant last = lastLimitEvent.get(key);
        if (last != null && now.isBefore(last.plus(COALESCE))) {
            return;
        }
        if (lastLimitEvent.size() > 10_000) {
            lastLimitEvent.clear();
        }
        lastLimitEvent.put(key, now);
        String source = SecurityContext.current().map(Caller::sourceAddress).orElse(null);
        reportSecurityEvent(SecurityEvent.of(now, SecurityEvent.Type.RATE_LIMITED, userId, source, endpoint,
                "request budget exhausted (recorded once a minute per caller and endpoint)"));
    }

    @Override
    public AuditEntry logAction(AuditRecord entry) {
        return auditLog.append(entry);
    }

    @Override
    public List<AuditEntry> getAuditLog(AuditQuery filters) {
        return auditStore.find(filters);
    }

    @Override
    public AuditVerification verifyAuditLog() {
        return auditLog.verify();
    }

    @Override
    public SecurityEvent reportSecurityEvent(SecurityEvent event) {
        SecurityEvent stored = auditStore.record(event);
        if (event.type() == SecurityEvent.Type.TOKEN_MISUSE) {
            log.warn("security event {}: actor={} source={} {}", event.type(), event.actor(), event.sourceAddress(), event.detail());
        } else {
            log.info("security event {}: actor={} source={} {}", event.type(), event.actor(), event.sourceAddress(), event.detail());
        }
        return stored;
    }

    @Override
    public List<SecurityEvent> getSecurityEvents(SecurityEventQuery query) {
        return auditStore.find(query);
    }

    @Override
    public ApiKeys apiKeys() {
        return apiKeys;
    }

    @Override
    public StartInterceptor startInterceptor() {
        return interceptor;
    }

    @Override
    public SecurityOptions options() {
        return options;
    }
}
