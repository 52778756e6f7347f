package io.reactory.server.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.health.HealthIndicators;
import io.reactory.workflow.health.SystemHealth;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.reactory.workflow.metrics.CoarseClock;
import io.reactory.workflow.metrics.MetricsOptions;
import io.reactory.workflow.metrics.WorkflowMetrics;
import io.reactory.workflow.scheduling.WorkflowScheduler;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API on one runner: every route of the specification under {@code /workflow/...} and those around it,
 * JSON in and out, problems as {@code application/problem+json}, authentication, permissions, rate limits and the
 * audit trail through the security manager. The API checks its own starts and gives them their workflow's namespace;
 * register {@code security.startInterceptor()} on the runner as well (first, before the configuration manager binds
 * to it), so that starts from every other channel (AMQP, embedding code with a bound caller) are checked the same
 * way. The same server serves the web dashboard at {@code /ui/} (static files from the jar; all its data comes from
 * this API, with the credentials the user signs in with) and samples the figures of its overview charts. Closing it
 * stops HTTP and that sampling only; the runner and store belong to whoever built them.
 *
 * <pre>{@code
 * try (ReactoryServer server = ReactoryServer.builder(runner, security)
 *         .options(ServerOptions.defaults().withPort(0)).build().start()) {
 *     System.out.println("listening on " + server.uri());
 * }
 * }</pre>
 */
public final class ReactoryServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReactoryServer.class);
    /** Connections accepted by the kernel before the server takes them (capped by {@code net.core.somaxconn}). */
    private static final int ACCEPT_QUEUE = 1024;

    private final WorkflowRunner runner;
    private final WorkflowSecurityManager security;
    private final ServerOptions options;
    private final PrometheusMeterRegistry registry;
    private final WorkflowMetrics metrics;
    private final SystemHealth health;
    private final MetricsHistory history;
    private final Javalin app;

    private ReactoryServer(Builder b) {
        this.runner = b.runner;
        this.security = b.security;
        this.options = b.options;
        this.registry = b.registry != null ? b.registry : new PrometheusMeterRegistry(PrometheusConfig.DEFAULT,
                new PrometheusRegistry(), CoarseClock.shared());
        this.health = b.health != null ? b.health : defaultHealth(runner, b.configs, b.scheduler).build();
        this.metrics = WorkflowMetrics.create(registry, b.metricsOptions).bind(runner).bind(security).bind(health);
        b.configs.manager().ifPresentOrElse(metrics::bind, () -> metrics.configurations(b.configs::workflow));
        if (b.scheduler != null) {
            metrics.bind(b.scheduler);
        }
        CircuitBreakerSource breakers = b.breakers != null ? b.breakers : CircuitBreakerSource.of(runner.errorHandler());
        this.history = new MetricsHistory(runner::getWorkflowStats, breakers, b.clock, b.historyStep, Duration.ofHours(1));
        Gate gate = new Gate(security, options, b.clock, registry);
        ScheduleService schedules = b.schedules != null ? b.schedules
                : b.scheduler != null ? new SchedulerScheduleService(b.scheduler)
                : new InMemoryScheduleService(id -> runner.definitions().stream().anyMatch(d -> d.id().equals(id)),
                        b.configs.schedules(), b.clock);
        this.app = Javalin.create(cfg -> configure(cfg, gate, b, schedules));
    }

    private void configure(JavalinConfig cfg, Gate gate, Builder b, ScheduleService schedules) {
        cfg.concurrency.useVirtualThreads = true;
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.http.maxRequestSize = options.maxBodyBytes();
        cfg.http.prefer405over404 = true;
        cfg.router.ignoreTrailingSlashes = true;
        cfg.jetty.modifyServer(server -> {
            server.setErrorHandler(new ProblemErrorHandler());
            server.setStopTimeout(5_000);
            server.addEventListener(new LifeCycle.Listener() {
                @Override
                public void lifeCycleStarting(LifeCycle event) {
                    // Javalin adds its connector just before it starts the server. The JDK's default backlog of 50
                    // makes the 51st of a burst of new connections wait a second for the SYN to be sent again.
                    for (Connector connector : server.getConnectors()) {
                        if (connector instanceof ServerConnector s) {
                            s.setAcceptQueueSize(ACCEPT_QUEUE);
                        }
                    }
                }
            });
        });
        Api api = new Api(cfg.routes, gate);
        new SystemRoutes(runner, metrics, health, history, b.clock).register(api);
        new CallerRoute().register(api);
        new StartRoute(runner, b.clock, options.maxBodyBytes()).register(api);
        new InstanceRoutes(runner).register(api);
        new DefinitionRoutes(runner).register(api);
        new EventRoutes(runner, options.maxBodyBytes()).register(api);
        new ScheduleRoutes(schedules, options.maxBodyBytes(), b.clock).register(api);
        new AdminRoutes(b.configs, options.maxBodyBytes()).register(api);
        Dashboard.configure(cfg);
        cfg.routes.error(404, ctx -> unmatched(ctx, ProblemType.NOT_FOUND, "no resource at " + ctx.method() + " "
                + Requests.cut(ctx.path(), 200)));
        cfg.routes.error(405, ctx -> unmatched(ctx, ProblemType.METHOD_NOT_ALLOWED, ctx.method()
                + " is not allowed on " + Requests.cut(ctx.path(), 200)));
        cfg.routes.exception(Exception.class, (e, ctx) -> ProblemMapper.write(ctx, e, ctx.header("X-Request-Id")));
    }

    /** Javalin's own 404/405 (no route matched); a handler's problem document is left alone. */
    private static void unmatched(Context ctx, ProblemType type, String detail) {
        String contentType = ctx.res().getContentType();
        if (contentType != null && contentType.startsWith(ProblemMapper.CONTENT_TYPE)) {
            return;
        }
        ctx.contentType(ProblemMapper.CONTENT_TYPE);
        ctx.result(ProblemMapper.body(type, detail, ctx.path(), null, List.of()));
    }

    public static Builder builder(WorkflowRunner runner, WorkflowSecurityManager security) {
        return new Builder(runner, security);
    }

    /** Starts listening; returns this. */
    public ReactoryServer start() {
        app.start(options.host(), options.port());
        history.start();
        log.info("Reactory API listening on {} (dashboard at {}/ui/)", uri(), uri());
        return this;
    }

    /** The port listened on (the chosen one when started with port 0). */
    public int port() {
        return app.port();
    }

    public URI uri() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return URI.create("http://" + ("0.0.0.0".equals(host) ? "127.0.0.1" : host) + ":" + port());
    }

    /** Every API route ({@code /workflow/...}) as {@code "METHOD /path/{param}"}, read from the HTTP router itself. */
    public List<String> routes() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint)
                .filter(e -> e.method.isHttpMethod() && e.path.startsWith("/workflow/"))
                .map(e -> e.method.name() + " " + e.path)
                .sorted().toList();
    }

    public PrometheusMeterRegistry meterRegistry() {
        return registry;
    }

    /**
     * The metrics {@code /workflow/metrics} publishes: bound to the runner, the security manager, the configuration
     * and the health components. Add alert listeners here, and report the Scheduler and LifecycleManager to it.
     */
    public WorkflowMetrics metrics() {
        return metrics;
    }

    /** What {@code /workflow/status} answers. */
    public SystemHealth health() {
        return health;
    }

    /**
     * The standard health components: the engine (liveness), the store (critical; a ping within 2 s), the scheduler
     * (when there is one), configuration reload and circuit breakers. Add others (the broker's), then build.
     *
     * @param scheduler the Scheduler firing on this node, or null
     */
    public static SystemHealth.Builder defaultHealth(WorkflowRunner runner, ConfigService configs,
                                                     WorkflowScheduler scheduler) {
        SystemHealth.Builder health = SystemHealth.builder().clock(runner.clock())
                .liveness("engine", HealthIndicators.engine(runner))
                .critical("store", HealthIndicators.store(runner.store(), java.time.Duration.ofSeconds(2)));
        if (scheduler != null) {
            health.component("scheduler", HealthIndicators.scheduler(scheduler));
        }
        return health.component("configuration", HealthIndicators.configuration(configs::reloadStatus))
                .component("circuitBreakers", HealthIndicators.circuitBreakers(runner.errorHandler()));
    }

    /** Stops listening; requests in flight get up to 5 s to finish. */
    @Override
    public void close() {
        history.close();
        app.stop();
        metrics.close();
    }

    /** Assembles a server; only runner and security manager are required. */
    public static final class Builder {
        private final WorkflowRunner runner;
        private final WorkflowSecurityManager security;
        private ServerOptions options = ServerOptions.defaults();
        private ScheduleService schedules;
        private ConfigService configs = ConfigService.empty();
        private PrometheusMeterRegistry registry;
        private MetricsOptions metricsOptions = MetricsOptions.DEFAULT;
        private SystemHealth health;
        private WorkflowScheduler scheduler;
        private Clock clock = Clock.systemUTC();
        private CircuitBreakerSource breakers;
        private Duration historyStep = Duration.ofSeconds(10);

        private Builder(WorkflowRunner runner, WorkflowSecurityManager security) {
            this.runner = Objects.requireNonNull(runner, "runner");
            this.security = Objects.requireNonNull(security, "security");
        }

        public Builder options(ServerOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        /** Where {@code /workflow/schedules} goes; default: an in-memory list seeded from the configuration. */
        public Builder schedules(ScheduleService value) {
            this.schedules = Objects.requireNonNull(value, "schedules");
            return this;
        }

        /** Where {@code /workflow/configs} reads; it should be the same source the security manager reads. */
        public Builder configs(ConfigService value) {
            this.configs = Objects.requireNonNull(value, "configs");
            return this;
        }

        /**
         * The registry {@code /workflow/metrics} scrapes (shared with the rest of the process); default one on
         * {@link CoarseClock#shared()}, which makes recording the engine's timers about twice as cheap.
         */
        public Builder meterRegistry(PrometheusMeterRegistry value) {
            this.registry = Objects.requireNonNull(value, "registry");
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        /** JVM metrics, label limits, alert thresholds (default {@link MetricsOptions#DEFAULT}). */
        public Builder metricsOptions(MetricsOptions value) {
            this.metricsOptions = Objects.requireNonNull(value, "metricsOptions");
            return this;
        }

        /**
         * The Scheduler of this node: {@code /workflow/schedules} goes to it (unless {@link #schedules} says
         * otherwise), its events feed the scheduler meters, and its health is reported.
         */
        public Builder scheduler(WorkflowScheduler value) {
            this.scheduler = Objects.requireNonNull(value, "scheduler");
            return this;
        }

        /** The health {@code /workflow/status} reports; default {@link #defaultHealth}. */
        public Builder health(SystemHealth value) {
            this.health = Objects.requireNonNull(value, "health");
            return this;
        }

        /** The circuit breakers the dashboard's overview charts; by default the runner's ErrorHandler's. */
        public Builder circuitBreakers(CircuitBreakerSource value) {
            this.breakers = Objects.requireNonNull(value, "circuitBreakers");
            return this;
        }

        /** How often the overview's figures are sampled (an hour of samples is kept); default 10 seconds. */
        public Builder metricsHistoryStep(Duration value) {
            this.historyStep = Objects.requireNonNull(value, "metricsHistoryStep");
            return this;
        }

        public ReactoryServer build() {
            return new ReactoryServer(this);
        }
    }
}
