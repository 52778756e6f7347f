package io.reactory.server.http;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.security.RateLimitOptions;
import io.reactory.workflow.security.SecurityOptions;
import io.reactory.workflow.security.TestTokens;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * A real server on a random loopback port with a real runner on the in-memory store, the test workflows and their
 * configurations, and JWTs for every kind of caller.
 */
public final class TestServer implements AutoCloseable {
    /** The data of the test workflows. */
    public static class OrderData {
        public String orderId = "o-1";
        public int amount;
        public List<String> items = new ArrayList<>();
        public String paidBy;
        public boolean shipped;
    }

    public final WorkflowStore store;
    public final WorkflowRunner runner;
    public final WorkflowSecurityManager security;
    public final ReactoryServer server;
    public final TestTokens tokens = new TestTokens(Clock.systemUTC().instant());
    public final Http http;

    /** Global admin (namespace *, role admin). */
    public final String admin;
    /** Operator of the default namespace. */
    public final String operator;
    /** Viewer of the default namespace (read only). */
    public final String viewer;
    /** Data engineer of namespace etl with the permissions etl-job asks for. */
    public final String engineer;
    /** Operator of namespace "other": sees nothing of default or etl. */
    public final String outsider;
    /** Operator of every namespace (may publish events). */
    public final String globalOperator;

    public TestServer() {
        this(RateLimitOptions.disabled(), new InMemoryWorkflowStore());
    }

    public TestServer(RateLimitOptions limits, WorkflowStore store) {
        this(limits, store, null);
    }

    /** @param schedules what serves {@code /workflow/schedules} on this runner; null for the server's default */
    public TestServer(RateLimitOptions limits, WorkflowStore store,
                      java.util.function.Function<WorkflowRunner, ScheduleService> schedules) {
        this(limits, store, schedules, o -> o);
    }

    /** @param serverOptions adjusts the test's server options (port 0, 64 KiB bodies) */
    public TestServer(RateLimitOptions limits, WorkflowStore store,
                      java.util.function.Function<WorkflowRunner, ScheduleService> schedules,
                      java.util.function.UnaryOperator<ServerOptions> serverOptions) {
        this.store = store;
        this.runner = WorkflowRunner.builder().store(store).build();
        registerWorkflows(runner);
        runner.initialize();
        ConfigService configs = ConfigService.of(List.of(
                new WorkflowConfig("etl-job", "etl", "ETL", "1", true, null, null, null, null, null, null,
                        new WorkflowConfig.Security(List.of("data:read", "data:write"), true,
                                List.of("data-engineer", "admin")), null),
                new WorkflowConfig("public-form", "web", "Contact form", "1", true, null, null, null, null, null, null,
                        new WorkflowConfig.Security(List.of(), false, List.of()), null)), List.of());
        this.security = WorkflowSecurityManager.create(SecurityOptions.defaults().withJwt(tokens.options())
                .withRateLimits(limits), store, configs::workflow, Clock.systemUTC());
        runner.addStartInterceptor(security.startInterceptor());
        ReactoryServer.Builder builder = ReactoryServer.builder(runner, security).configs(configs)
                .options(serverOptions.apply(ServerOptions.defaults().withPort(0).withMaxBodyBytes(64 * 1024)));
        if (schedules != null) {
            builder.schedules(schedules.apply(runner));
        }
        this.server = builder.build().start();
        this.http = new Http(server.uri());
        admin = tokens.hs256("root", "*", List.of("admin"), null);
        operator = tokens.hs256("olga", null, List.of("operator"), null);
        viewer = tokens.hs256("vic", null, List.of("viewer"), null);
        engineer = tokens.hs256("dana", "etl", List.of("data-engineer"), List.of("workflow:*", "data:read", "data:write"));
        outsider = tokens.hs256("otto", "other", List.of("operator"), null);
        globalOperator = tokens.hs256("gops", "*", List.of("operator"), null);
    }

    static void registerWorkflows(WorkflowRunner runner) {
        for (String version : new String[] {"1", "2"}) {
            runner.registerWorkflow(WorkflowDefinition.define("orders", version, OrderData.class, b -> b
                    .startWith("reserve", ctx -> ExecutionResult.next())
                    .waitFor("paid", d -> d.orderId).output((d, e) -> d.paidBy = String.valueOf(e.data()))
                    .then("ship", ctx -> {
                        ctx.data().shipped = true;
                        return ExecutionResult.next();
                    })));
        }
        runner.registerWorkflow(WorkflowDefinition.define("quick", "1", OrderData.class, b -> b
                .startWith("only", ctx -> ExecutionResult.next())));
        // fails its first run for good; a retry (which keeps the data the failed attempt changed) succeeds
        runner.registerWorkflow(WorkflowDefinition.define("flaky", "1", OrderData.class, b -> b
                .startWith("explode", ctx -> {
                    if (ctx.data().amount++ == 0) {
                        return ExecutionResult.failNonRetryable("it fails the first time");
                    }
                    return ExecutionResult.next();
                })));
        runner.registerWorkflow(WorkflowDefinition.define("etl-job", "1", OrderData.class, b -> b
                .startWith("extract", ctx -> ExecutionResult.waitForEvent("go", ctx.data().orderId))));
        runner.registerWorkflow(WorkflowDefinition.define("public-form", "1", OrderData.class, b -> b
                .startWith("receive", ctx -> ExecutionResult.next())));
    }

    @Override
    public void close() {
        server.close();
        runner.close();
        store.close();
    }
}
