package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.security.RateLimitOptions;
import io.reactory.workflow.security.SecurityOptions;
import io.reactory.workflow.security.TestTokens;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API on a runner configured by the ConfigurationManager, as {@code reactory serve} wires them. */
class ConfiguredServerIT {
    @TempDir
    Path dir;

    private final InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    private final WorkflowRunner runner = WorkflowRunner.builder().store(store).build();
    private final TestTokens tokens = new TestTokens(Instant.now());
    private ConfigurationManager config;
    private ReactoryServer server;
    private Http http;

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(dir.resolve("workflows"));
        write("report", "reporting", true, "high");
        write("payroll", "hr", false, null);
        for (String id : new String[] {"report", "payroll"}) {
            runner.registerWorkflow(WorkflowDefinition.define(id, "1", TestServer.OrderData.class, b -> b
                    .startWith("only", ctx -> ExecutionResult.waitForEvent("never", "x"))));
        }
        config = ConfigurationManager.builder(dir).runner(runner).build();
        ConfigService configs = ConfigService.of(config);
        WorkflowSecurityManager security = WorkflowSecurityManager.create(
                SecurityOptions.defaults().withJwt(tokens.options()).withRateLimits(RateLimitOptions.disabled()), store,
                configs::workflow, Clock.systemUTC());
        runner.addStartInterceptor(security.startInterceptor()); // first, as the composition root does
        config.start();
        runner.initialize();
        server = ReactoryServer.builder(runner, security).configs(configs)
                .options(ServerOptions.defaults().withPort(0)).build().start();
        http = new Http(server.uri());
    }

    @AfterEach
    void stop() {
        server.close();
        config.close();
        runner.close();
    }

    private void write(String id, String namespace, boolean enabled, String priority) throws IOException {
        Files.writeString(dir.resolve("workflows").resolve(id + ".yml"), "id: \"" + id + "\"\nnameSpace: \"" + namespace
                + "\"\nenabled: " + enabled + (priority == null ? "" : "\npriority: \"" + priority + "\"") + "\n");
    }

    private String user(String namespace) {
        return tokens.hs256("u-" + namespace, namespace, List.of("operator"), null);
    }

    @Test
    void a_started_instance_gets_its_configured_namespace_and_default_priority() {
        Http.Response started = http.post("/workflow/start/report", "{}").bearer(user("reporting")).send();
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        var instance = http.get("/workflow/instance/" + started.json().path("instanceId").asText())
                .bearer(user("reporting")).send().json();
        assertThat(instance.path("namespace").asText()).isEqualTo("reporting");
        assertThat(instance.path("priority").asText()).isEqualTo("HIGH");
        Http.Response chosen = http.post("/workflow/start/report", "{\"priority\":\"low\"}").bearer(user("reporting")).send();
        assertThat(http.get("/workflow/instance/" + chosen.json().path("instanceId").asText()).bearer(user("reporting"))
                .send().json().path("priority").asText()).isEqualTo("LOW");
    }

    @Test
    void a_disabled_workflow_is_409_for_its_tenant_and_does_not_exist_for_others() {
        Http.Response own = http.post("/workflow/start/payroll", "{}").bearer(user("hr")).send();
        assertThat(own.status()).isEqualTo(409);
        assertThat(own.problem()).isEqualTo("workflow-disabled");
        Http.Response other = http.post("/workflow/start/payroll", "{}").bearer(user("reporting")).send();
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.problem()).isEqualTo("workflow-not-found");
    }

    @Test
    void configs_show_the_configuration_in_force_and_follow_a_reload() throws IOException {
        String globalOperator = tokens.hs256("ops", "*", List.of("operator"), null);
        assertThat(http.get("/workflow/configs").bearer(globalOperator).send().status()).isEqualTo(403);
        String admin = tokens.hs256("root", "*", List.of("admin"), null);
        var body = http.get("/workflow/configs").bearer(admin).send().json();
        assertThat(body.path("workflows")).hasSize(2);
        assertThat(body.path("reload").path("generation").asLong()).isPositive();

        write("report", "finance", true, null);
        config.reload();
        assertThat(http.get("/workflow/configs/report").bearer(admin).send().json().path("nameSpace").asText())
                .isEqualTo("finance");
        // security reads the configuration in force: the workflow moved to another tenant
        await().atMost(Duration.ofSeconds(5)).until(() ->
                http.post("/workflow/start/report", "{}").bearer(user("reporting")).send().status() == 404);
        assertThat(http.post("/workflow/start/report", "{}").bearer(user("finance")).send().status()).isEqualTo(201);
    }
}
