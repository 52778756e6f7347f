package io.reactory.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.persistence.SecurityEvent;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.security.AccessDecision.Result;
import io.reactory.workflow.testing.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AuthorizationTest {
    /** The specification's example: namespace etl, roles data-engineer or admin, permissions data:read and data:write. */
    static final WorkflowConfig DATA_PROCESSING = config("data-processing", "etl",
            new WorkflowConfig.Security(List.of("data:read", "data:write"), true, List.of("data-engineer", "admin")));
    static final WorkflowConfig PUBLIC_FORM = config("contact-form", "web",
            new WorkflowConfig.Security(List.of(), false, List.of()));
    static final WorkflowConfig PLAIN = config("plain", null, null);

    private final Map<String, WorkflowConfig> configs = Map.of("data-processing", DATA_PROCESSING,
            "contact-form", PUBLIC_FORM, "plain", PLAIN);
    private final InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    private final WorkflowSecurityManager security = WorkflowSecurityManager.create(SecurityOptions.defaults(), store,
            id -> Optional.ofNullable(configs.get(id)), ManualClock.startingAt2026());

    static WorkflowConfig config(String id, String namespace, WorkflowConfig.Security security) {
        return new WorkflowConfig(id, namespace, id, "1", true, null, null, null, null, null, null, security, null);
    }

    static User user(String id, String namespace, Set<String> roles, Set<String> permissions) {
        return new User(id, namespace, roles, permissions, User.AuthMethod.JWT);
    }

    private Result decide(User user, String workflowId, Action action) {
        return security.authorize(user, workflowId, null, action).result();
    }

    @Test
    void the_namespace_of_a_workflow_is_its_configured_namespace_or_default() {
        assertThat(security.namespaceOf("data-processing")).isEqualTo("etl");
        assertThat(security.namespaceOf("plain")).isEqualTo(User.DEFAULT_NAMESPACE);
        assertThat(security.namespaceOf("unconfigured")).isEqualTo(User.DEFAULT_NAMESPACE);
    }

    @Test
    void a_data_engineer_of_etl_with_both_permissions_may_start_and_control_data_processing() {
        User engineer = user("dana", "etl", Set.of("data-engineer"),
                Set.of("workflow:start", "workflow:read", "workflow:cancel", "data:read", "data:write"));
        for (Action action : List.of(Action.START, Action.READ, Action.CANCEL)) {
            assertThat(decide(engineer, "data-processing", action)).as(action.name()).isEqualTo(Result.ALLOWED);
        }
        assertThat(decide(engineer, "data-processing", Action.PAUSE)).isEqualTo(Result.DENIED);
        assertThat(security.checkPermissions(engineer, "data-processing", "start")).isTrue();
        assertThat(security.checkPermissions(engineer, "data-processing", "workflow:pause")).isFalse();
    }

    @Test
    void a_role_outside_allowed_roles_is_denied_even_with_every_permission() {
        User operator = user("olga", "etl", Set.of("operator"), Set.of("data:read", "data:write"));
        AccessDecision decision = security.authorize(operator, "data-processing", null, Action.START);
        assertThat(decision.result()).isEqualTo(Result.DENIED);
        assertThat(decision.reason()).contains("data-engineer");
    }

    @Test
    void a_missing_workflow_permission_is_denied() {
        User engineer = user("dana", "etl", Set.of("data-engineer"), Set.of("workflow:start", "data:read"));
        AccessDecision decision = security.authorize(engineer, "data-processing", null, Action.START);
        assertThat(decision.result()).isEqualTo(Result.DENIED);
        assertThat(decision.reason()).contains("data:write");
    }

    @Test
    void another_namespace_is_hidden_not_denied_and_the_refusal_is_recorded() {
        User other = user("rita", "reporting", Set.of("admin"), Set.of("*"));
        assertThat(decide(other, "data-processing", Action.READ)).isEqualTo(Result.HIDDEN);
        assertThat(decide(other, "data-processing", Action.START)).isEqualTo(Result.HIDDEN);
        assertThat(security.getSecurityEvents()).hasSize(2)
                .allSatisfy(e -> assertThat(e.type()).isEqualTo(SecurityEvent.Type.PERMISSION_DENIED));
    }

    @Test
    void an_instance_is_judged_by_its_own_namespace() {
        User etl = user("dana", "etl", Set.of("operator"), Set.of());
        assertThat(security.authorize(etl, "plain", "etl", Action.READ).result()).isEqualTo(Result.ALLOWED);
        assertThat(security.authorize(etl, "plain", "reporting", Action.READ).result()).isEqualTo(Result.HIDDEN);
        assertThat(security.authorize(etl, "plain", null, Action.READ).result()).isEqualTo(Result.HIDDEN);
    }

    @Test
    void the_admin_role_passes_workflow_rules_in_its_namespace_and_a_global_admin_everywhere() {
        User etlAdmin = user("ada", "etl", Set.of("admin"), Set.of());
        assertThat(decide(etlAdmin, "data-processing", Action.START)).isEqualTo(Result.ALLOWED);
        assertThat(decide(etlAdmin, "plain", Action.START)).isEqualTo(Result.HIDDEN);
        assertThat(decide(etlAdmin, null, Action.ADMIN)).isEqualTo(Result.DENIED);

        User root = user("root", User.ALL_NAMESPACES, Set.of("admin"), Set.of());
        for (Action action : Action.values()) {
            assertThat(decide(root, "data-processing", action)).as(action.name()).isEqualTo(Result.ALLOWED);
        }
    }

    @Test
    void admin_operations_and_event_publishing_need_every_namespace() {
        User globalOperator = user("ops", "*", Set.of("operator"), Set.of());
        assertThat(decide(globalOperator, null, Action.PUBLISH_EVENT)).isEqualTo(Result.ALLOWED);
        assertThat(decide(globalOperator, null, Action.ADMIN)).isEqualTo(Result.DENIED);
        assertThat(decide(user("ops", "etl", Set.of("operator"), Set.of()), null, Action.PUBLISH_EVENT))
                .isEqualTo(Result.DENIED);
    }

    @Test
    void anonymous_callers_may_only_start_workflows_that_do_not_require_auth() {
        assertThat(decide(User.ANONYMOUS, "contact-form", Action.START)).isEqualTo(Result.ALLOWED);
        assertThat(decide(User.ANONYMOUS, "contact-form", Action.READ)).isEqualTo(Result.UNAUTHENTICATED);
        assertThat(decide(User.ANONYMOUS, "plain", Action.START)).isEqualTo(Result.UNAUTHENTICATED);
        assertThat(security.allowsAnonymousStart("contact-form")).isTrue();
        assertThat(security.allowsAnonymousStart("plain")).isFalse();
        assertThat(security.allowsAnonymousStart("unknown")).isFalse();
    }

    @Test
    void permissions_match_exactly_by_prefix_wildcard_or_star() {
        assertThat(user("u", null, Set.of(), Set.of("workflow:*")).hasPermission("workflow:cancel")).isTrue();
        assertThat(user("u", null, Set.of(), Set.of("workflow:*")).hasPermission("events:publish")).isFalse();
        assertThat(user("u", null, Set.of(), Set.of("*")).hasPermission("anything")).isTrue();
        assertThat(user("u", null, Set.of(), Set.of("workflow:read")).hasPermission("workflow:readx")).isFalse();
    }

    @Test
    void unknown_action_names_are_refused_with_the_accepted_ones() {
        assertThatThrownBy(() -> security.checkPermissions(User.ANONYMOUS, "plain", "explode"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("start, read");
    }
}
