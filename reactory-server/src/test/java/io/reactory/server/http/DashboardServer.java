package io.reactory.server.http;

import io.reactory.examples.Examples;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.config.StepTypeRegistry;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.scheduling.ConfiguredSchedules;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import io.reactory.workflow.security.SecurityOptions;
import io.reactory.workflow.security.User;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A real server for the dashboard's browser tests, wired as {@code reactory serve --config examples/config} wires it
 * (ConfigurationManager on the example configuration, the Scheduler, the example workflows, API keys), plus three
 * small workflows whose course the tests control: one that completes, one that waits for an approval event, one whose
 * first run fails.
 */
public final class DashboardServer implements AutoCloseable {
    /** The data of the test workflows. */
    public static class Order {
        public String orderId = "A-1";
        public String customer = "Dana";
        public int attempts;
        public boolean shipped;
        public String greeting;
    }

    public static final String ADMIN_KEY = "rk_dashboard_admin_0123456789abcdefghijklmnopqrstuv";
    public static final String VIEWER_KEY = "rk_dashboard_viewer_0123456789abcdefghijklmnopqrstu";
    /** What the first run of {@code flaky-payment} fails with. */
    public static final String FAILURE = "card declined by the test bank";

    public final InMemoryWorkflowStore store = new InMemoryWorkflowStore();
    public final WorkflowRunner runner = WorkflowRunner.builder().store(store).build();
    public final WorkflowScheduler scheduler = WorkflowScheduler.builder(runner).build();
    public final ConfigurationManager config;
    public final WorkflowSecurityManager security;
    public final ReactoryServer server;

    public DashboardServer() {
        Path configDir = Path.of("..", "examples", "config").toAbsolutePath().normalize();
        config = ConfigurationManager.builder(configDir).runner(runner)
                .stepTypes(StepTypeRegistry.fromServiceLoader(DashboardServer.class.getClassLoader()))
                .listener(new ConfiguredSchedules(scheduler)).build();
        ConfigService configs = ConfigService.of(config);
        security = WorkflowSecurityManager.create(SecurityOptions.defaults(), store, configs::workflow, Clock.systemUTC());
        runner.addStartInterceptor(security.startInterceptor());
        registerTestWorkflows(runner);
        Set<String> declared = config.loadEnvironment(null).definitions().stream().map(WorkflowDefinition::id)
                .collect(Collectors.toSet());
        Examples.all().stream().filter(w -> !declared.contains(w.id())).forEach(runner::registerWorkflow);
        config.start();
        security.apiKeys().register(ADMIN_KEY, "ada", User.ALL_NAMESPACES, Set.of("admin"), Set.of(), null);
        security.apiKeys().register(VIEWER_KEY, "vera", User.DEFAULT_NAMESPACE, Set.of("viewer"), Set.of(), null);
        runner.initialize();
        scheduler.initialize();
        // a breaker in use, for the overview's chart of breaker states
        runner.errorHandler().circuitBreaker("payment-gateway");
        server = ReactoryServer.builder(runner, security).configs(configs).schedules(new SchedulerScheduleService(scheduler))
                .options(ServerOptions.defaults().withPort(0)).metricsHistoryStep(Duration.ofSeconds(1)).build().start();
    }

    static void registerTestWorkflows(WorkflowRunner runner) {
        runner.registerWorkflow(WorkflowDefinition.define("greeting", "1", Order.class, b -> b
                .startWith("prepare", ctx -> ExecutionResult.next())
                .then("greet", ctx -> {
                    ctx.data().greeting = "Hello, " + ctx.data().customer;
                    return ExecutionResult.next();
                })));
        runner.registerWorkflow(WorkflowDefinition.define("approval", "1", Order.class, b -> b
                .startWith("submit", ctx -> ExecutionResult.next())
                .waitFor("approved", order -> order.orderId)
                .then("ship", ctx -> {
                    ctx.data().shipped = true;
                    return ExecutionResult.next();
                })));
        // the first run fails for good; a retry (which keeps the data the failed attempt changed) succeeds
        runner.registerWorkflow(WorkflowDefinition.define("flaky-payment", "1", Order.class, b -> b
                .startWith("reserve", ctx -> ExecutionResult.next())
                .then("charge-card", ctx -> ctx.data().attempts++ == 0
                        ? ExecutionResult.failNonRetryable(FAILURE) : ExecutionResult.next())
                .then("send-receipt", ctx -> ExecutionResult.next())));
    }

    public String url() {
        return server.uri() + "/ui/";
    }

    @Override
    public void close() {
        server.close();
        scheduler.close();
        config.close();
        runner.close();
        store.close();
    }
}
