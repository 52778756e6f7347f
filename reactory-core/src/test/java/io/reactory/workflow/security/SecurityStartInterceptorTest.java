package io.reactory.workflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowNotFoundException;
import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SecurityStartInterceptorTest {
    private final TestWorkflowEnvironment env = TestWorkflowEnvironment.create();
    private final Map<String, WorkflowConfig> configs = Map.of(
            "data-processing", AuthorizationTest.DATA_PROCESSING, "contact-form", AuthorizationTest.PUBLIC_FORM);
    private WorkflowSecurityManager security;

    @BeforeEach
    void setUp() {
        security = WorkflowSecurityManager.create(SecurityOptions.defaults(), env.runner().store(),
                id -> Optional.ofNullable(configs.get(id)), env.clock());
        for (String id : new String[] {"data-processing", "contact-form", "plain"}) {
            env.runner().registerWorkflow(WorkflowDefinition.define(id, "1", Map.class, b -> b
                    .startWith("only", ctx -> ExecutionResult.next())));
        }
        env.runner().addStartInterceptor(security.startInterceptor());
    }

    @AfterEach
    void tearDown() {
        env.close();
    }

    private String startAs(User user, String workflowId) {
        return SecurityContext.callAs(new Caller(user, "127.0.0.1", null),
                () -> env.runner().startWorkflow(workflowId, null, Map.of()));
    }

    @Test
    void an_in_process_start_is_trusted_and_gets_the_workflows_namespace() {
        String id = env.runner().startWorkflow("data-processing", null, Map.of());
        assertThat(env.runner().getInstance(id).namespace()).isEqualTo("etl");
        String plain = env.runner().startWorkflow("plain", null, Map.of());
        assertThat(env.runner().getInstance(plain).namespace()).isEqualTo(User.DEFAULT_NAMESPACE);
    }

    @Test
    void an_explicit_namespace_is_kept() {
        String id = env.runner().startWorkflow("plain", null, Map.of(), StartOptions.DEFAULT.withNamespace("tenant-a"));
        assertThat(env.runner().getInstance(id).namespace()).isEqualTo("tenant-a");
    }

    @Test
    void a_bound_caller_with_the_rights_starts_and_one_without_is_refused_before_anything_is_stored() {
        User engineer = new User("dana", "etl", Set.of("data-engineer"),
                Set.of("workflow:start", "data:read", "data:write"), User.AuthMethod.JWT);
        assertThat(env.runner().getInstance(startAs(engineer, "data-processing")).namespace()).isEqualTo("etl");

        User viewer = new User("vic", "etl", Set.of("viewer"), Set.of("workflow:read"), User.AuthMethod.JWT);
        assertThatThrownBy(() -> startAs(viewer, "data-processing")).isInstanceOf(AccessDeniedException.class)
                .hasMessageContaining("workflow:start");
        assertThat(env.runner().findInstances(InstanceQuery.all(10))).hasSize(1);
    }

    @Test
    void a_caller_of_another_namespace_is_told_the_workflow_does_not_exist() {
        User other = new User("rita", "reporting", Set.of("admin"), Set.of(), User.AuthMethod.JWT);
        assertThatThrownBy(() -> startAs(other, "data-processing")).isInstanceOf(WorkflowNotFoundException.class)
                .hasMessage(new WorkflowNotFoundException("data-processing", null).getMessage());
    }

    @Test
    void anonymous_callers_start_public_workflows_only() {
        assertThat(startAs(User.ANONYMOUS, "contact-form")).isNotBlank();
        assertThatThrownBy(() -> startAs(User.ANONYMOUS, "plain")).isInstanceOf(AuthenticationException.class);
    }
}
