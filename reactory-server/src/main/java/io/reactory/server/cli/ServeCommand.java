package io.reactory.server.cli;

import io.reactory.examples.Examples;
import io.reactory.server.amqp.AmqpModule;
import io.reactory.server.amqp.SecurityCallerBinding;
import io.reactory.server.http.ConfigService;
import io.reactory.server.http.ReactoryServer;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.ConfigurationManager;
import io.reactory.workflow.lifecycle.WorkflowLifecycleManager;
import io.reactory.workflow.scheduling.ConfiguredSchedules;
import io.reactory.workflow.scheduling.SchedulerAlerts;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import io.reactory.workflow.config.StepTypeRegistry;
import io.reactory.workflow.health.SystemHealth;
import io.reactory.workflow.metrics.AlertListener;
import io.reactory.workflow.metrics.LifecycleMetricsBinding;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.security.ApiKeys;
import io.reactory.workflow.security.User;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the REST server until SIGTERM (or Ctrl-C): then it stops taking requests, lets running steps finish (up to the
 * runner's shutdown timeout), commits them and exits.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the REST API (and run the workflows) until stopped.",
                "Settings: flags, then environment variables (REACTORY_PORT, REACTORY_HOST, REACTORY_CONFIG, "
                        + "REACTORY_ENV, REACTORY_DATA, REACTORY_DB_URL, REACTORY_SERVER_CONFIG, REACTORY_JWT_SECRET, "
                        + "REACTORY_JWT_SECRET_FILE, REACTORY_JWT_PUBLIC_KEYS, REACTORY_JWT_ISSUER, REACTORY_JWT_AUDIENCE, "
                        + "REACTORY_ADMIN_API_KEY, REACTORY_RATE_LIMITS, REACTORY_AMQP_URI, REACTORY_AMQP_USERNAME, "
                        + "REACTORY_AMQP_PASSWORD, REACTORY_LOG_FORMAT), then the server configuration file, then defaults."})
public final class ServeCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "DIR", description = "Configuration directory (workflows/*.yml, schedules/*.yml, server.yml).")
    Path configDir;

    @Option(names = "--port", paramLabel = "N", description = "Port to listen on (default 8080; 0 for any free port).")
    Integer port;

    @Option(names = "--host", description = "Interface to bind (default 127.0.0.1; 0.0.0.0 for all).")
    String host;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder of the embedded store.")
    Path dataDir;

    @Option(names = "--db", paramLabel = "URL", description = "PostgreSQL JDBC URL (clusters).")
    String dbUrl;

    @Option(names = "--env", paramLabel = "ENV", description = "Configuration environment: overlays of DIR/environments/ENV (env REACTORY_ENV).")
    String environment;

    @Option(names = "--server-config", paramLabel = "FILE", description = "Server configuration file (default: server.yml in --config).")
    Path serverConfig;

    @Option(names = "--no-examples", description = "Do not register the example workflows.")
    boolean noExamples;

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "Log format: text (default) or json, one object per line (env REACTORY_LOG_FORMAT).")
    String logFormat;

    private final CountDownLatch stopped = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ServerSettings settings;
        try {
            settings = ServerSettings.resolve(new ServerSettings.Flags(configDir, port, host, dataDir, dbUrl, serverConfig,
                    environment, logFormat), System.getenv());
            LogFormat.apply(settings.monitoring().logFormat());
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("reactory serve: " + e.getMessage());
            return 2;
        }
        Running running;
        try {
            running = start(settings, !noExamples, out);
        } catch (io.reactory.workflow.config.ConfigurationException e) {
            spec.commandLine().getErr().println("reactory serve: the configuration is invalid:");
            if (e.result() != null) {
                e.result().problems().forEach(p -> spec.commandLine().getErr().println("  " + p.format()));
            } else {
                spec.commandLine().getErr().println("  " + e.getMessage());
            }
            return 2;
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().name("reactory-shutdown").unstarted(() -> {
            running.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /**
     * Builds and starts store, runner, security, configuration and server; prints where it listens. The security
     * interceptor is registered first, so a start is authorised before configuration looks at it: a caller that may
     * not start a workflow is told so, not that the workflow is disabled (interceptors run in the order they were
     * added, and the ConfigurationManager adds its own when it is built).
     */
    static Running start(ServerSettings settings, boolean examples, PrintWriter out) {
        WorkflowStore store = openStore(settings, out);
        // lifecycle events are written to the store's outbox only when the AMQP adapter is there to send them
        boolean outbox = settings.amqp() != null && settings.amqp().publishesLifecycleEvents();
        WorkflowRunner runner = WorkflowRunner.builder().store(store)
                .options(RunnerOptions.defaults().withLifecycleOutbox(outbox)).build();
        WorkflowScheduler scheduler = WorkflowScheduler.builder(runner).build();
        Clock clock = Clock.systemUTC();
        // security reads workflow configurations (namespaces, roles) that exist only once the manager is built below
        AtomicReference<ConfigService> configsInForce = new AtomicReference<>(ConfigService.empty());
        WorkflowSecurityManager security = WorkflowSecurityManager.create(settings.security(), store,
                workflowId -> configsInForce.get().workflow(workflowId), clock);
        runner.addStartInterceptor(security.startInterceptor());
        ConfigurationManager manager = settings.configDir() == null ? null
                : ConfigurationManager.builder(settings.configDir()).environment(settings.environment()).runner(runner)
                        .stepTypes(StepTypeRegistry.fromServiceLoader(ServeCommand.class.getClassLoader()))
                        .listener(new ConfiguredSchedules(scheduler)) // schedules/*.yml follow loads and hot reloads
                        .build();
        // dependencies, concurrency limits, resource limits and cleanup, following the workflow YAML when there is any
        WorkflowLifecycleManager.Builder lifecycleBuilder = WorkflowLifecycleManager.builder(runner);
        if (manager != null) {
            lifecycleBuilder.configuration(manager);
        }
        WorkflowLifecycleManager lifecycle = lifecycleBuilder.build();
        ConfigService configs = manager == null ? ConfigService.empty() : ConfigService.of(manager);
        configsInForce.set(configs);
        if (examples) {
            // workflows the configuration defines in YAML are not registered again from Java
            // (read without validation: the configuration of a Java workflow is valid only once it is registered)
            Set<String> declared = manager == null ? Set.of() : manager.definedWorkflowIds(settings.environment());
            Examples.all().stream().filter(w -> !declared.contains(w.id())).forEach(runner::registerWorkflow);
        }
        if (manager != null) {
            manager.start();
            manager.enableHotReload();
        }
        bootstrapCredentials(settings, security, out);
        AmqpModule amqp = settings.amqp() == null ? null : AmqpModule.builder(runner, settings.amqp())
                .callerBinding(SecurityCallerBinding.of(security, settings.amqp(), clock))
                .clock(clock)
                .build();
        SystemHealth.Builder health = ReactoryServer.defaultHealth(runner, configs, scheduler);
        if (amqp != null) {
            health.component("broker", amqp.health());
        }
        // the server binds the metrics to the runner and the scheduler: built before they run, so no event goes
        // uncounted
        ReactoryServer server = ReactoryServer.builder(runner, security).options(settings.server()).configs(configs)
                .scheduler(scheduler).health(health.build()).metricsOptions(settings.monitoring().metrics())
                .clock(clock).build();
        if (amqp != null) {
            // workflow alerts reach the lifecycle event stream through the outbox (alert.workflow.<name>.<workflow>)
            server.metrics().addAlertListener(AlertListener.publishTo(amqp.alerts()));
            // before the scheduler starts: the misfires of the downtime are found by its first pass
            scheduler.addListener(SchedulerAlerts.to(amqp.alerts()));
        }
        // dependency waits and queue depth from the LifecycleManager (store-wide counts, refreshed every 15 s)
        LifecycleMetricsBinding lifecycleMetrics = LifecycleMetricsBinding.bind(server.metrics(), lifecycle,
                Duration.ofSeconds(15));
        runner.initialize();
        lifecycle.initialize();
        scheduler.initialize();
        server.start();
        out.println("Reactory serving " + server.uri() + " (store: " + store.kind() + ", " + runner.definitions().size()
                + " workflow versions, " + configs.workflows().size() + " workflow configurations"
                + (settings.environment() == null ? "" : ", environment " + settings.environment()) + ")");
        out.println("Dashboard: " + server.uri() + "/ui/ (sign in with an API key or token)");
        if (amqp != null) {
            amqp.start();
            out.println("AMQP adapter on " + settings.amqp() + " (connecting in the background)");
        }
        out.flush();
        return new Running(store, runner, manager, lifecycle, lifecycleMetrics, scheduler, server, amqp);
    }

    /**
     * The durable stores (SQLite in {@code --data}, PostgreSQL at {@code --db}) are built by the storage issue; until
     * they are on this branch every run uses the in-memory store and says so.
     */
    private static WorkflowStore openStore(ServerSettings settings, PrintWriter out) {
        if (settings.dataDir() != null || settings.dbUrl() != null) {
            out.println("note: the durable stores are not part of this build yet; --data/--db are ignored and state is "
                    + "kept in memory (lost on exit)");
        }
        return new InMemoryWorkflowStore();
    }

    private static void bootstrapCredentials(ServerSettings settings, WorkflowSecurityManager security, PrintWriter out) {
        if (settings.adminApiKey() != null) {
            security.apiKeys().register(settings.adminApiKey(), "admin", User.ALL_NAMESPACES, Set.of("admin"), Set.of(), null);
            out.println("admin API key from REACTORY_ADMIN_API_KEY registered");
            return;
        }
        boolean anyKey = security.apiKeys().list().stream().anyMatch(k -> k.revokedAt() == null);
        if (settings.security().jwt() == null && !anyKey) {
            ApiKeys.IssuedKey key = security.apiKeys().create("admin", User.ALL_NAMESPACES, Set.of("admin"), Set.of(), null);
            out.println("No credentials are configured, so an admin API key was generated (shown once, stored hashed):");
            out.println("  admin API key: " + key.key());
            out.println("  use it as 'Authorization: Bearer <key>' or 'X-API-Key: <key>'; set REACTORY_ADMIN_API_KEY to choose one");
        }
    }

    /**
     * A started server with what it runs on; closing stops HTTP, then AMQP consumption, then firing, then the
     * LifecycleManager's thread, then the runner (steps finish), then the store.
     */
    record Running(WorkflowStore store, WorkflowRunner runner, ConfigurationManager config,
                   WorkflowLifecycleManager lifecycle, LifecycleMetricsBinding lifecycleMetrics,
                   WorkflowScheduler scheduler,
                   ReactoryServer server, AmqpModule amqp) implements AutoCloseable {
        @Override
        public void close() {
            log.info("shutting down: no new requests; running steps may finish");
            server.close();
            if (amqp != null) {
                amqp.close(); // stops consuming; deliveries in progress finish on the running engine
            }
            if (config != null) {
                config.close();
            }
            scheduler.close();
            lifecycleMetrics.close();
            lifecycle.close();
            runner.close();
            store.close();
            log.info("stopped");
        }
    }
}
