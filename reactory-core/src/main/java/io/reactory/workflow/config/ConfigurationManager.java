package io.reactory.workflow.config;

import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.expression.ExpressionSandbox;
import io.reactory.workflow.config.internal.ConfigLoader;
import io.reactory.workflow.config.internal.DefinitionBinder;
import io.reactory.workflow.config.internal.SafeYaml;
import io.reactory.workflow.config.internal.Sources;
import io.reactory.workflow.config.internal.YNode;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The specification's ConfigurationManager: workflow and schedule configuration and declarative workflow definitions
 * from a directory of YAML files, validated (every problem with file, line, column and field), per environment,
 * hot-reloadable and migratable between environments. With a runner, configuration takes effect on it (see the
 * README's "Configuration" section for which values apply live and which to instances started afterwards).
 * Thread-safe: reloads, saves and migrations are serialised; readers get the set in force without locking.
 *
 * <pre>{@code
 * ConfigurationManager config = ConfigurationManager.builder(Path.of("config"))
 *         .environment("prod").runner(runner).stepTypes(types).build();
 * config.start();              // loads, validates, applies; throws ConfigurationException when invalid
 * config.enableHotReload();    // file changes apply within a second; invalid ones are refused and reported
 * }</pre>
 */
public final class ConfigurationManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigurationManager.class);
    private static final int RECENT = 20;

    private final ConfigurationOptions options;
    private final WorkflowRunner runner;
    private final Clock clock;
    private final SafeYaml yaml;
    private final ConfigLoader loader;
    private final EngineBinding binding;
    private final ConfigWrites writes;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<ConfigurationListener> listeners = new CopyOnWriteArrayList<>();
    private final Deque<ReloadStatus.Outcome> recent = new ArrayDeque<>();
    private volatile ConfigurationSet current = ConfigurationSet.EMPTY;
    private volatile Sources sources;
    private volatile ReloadStatus status = new ReloadStatus(0, false, 0, 0, null, null, List.of());
    private ConfigWatcher watcher;

    private ConfigurationManager(Builder b) {
        this.options = b.options;
        this.runner = b.runner;
        this.clock = b.clock != null ? b.clock : runner != null ? runner.clock() : Clock.systemUTC();
        this.yaml = new SafeYaml(options.yamlLimits());
        StepTypeRegistry types = b.stepTypes != null ? b.stepTypes : StepTypeRegistry.create();
        this.loader = new ConfigLoader(new DefinitionBinder(types, ExpressionSandbox.create(options.expressionLimits())));
        this.binding = runner == null ? null : new EngineBinding(runner, () -> current);
        this.writes = new ConfigWrites(options, yaml, loader, this::context);
        listeners.addAll(b.listeners);
        if (binding != null) {
            runner.addStartInterceptor(binding);
        }
    }

    public static Builder builder(java.nio.file.Path directory) {
        return new Builder(ConfigurationOptions.of(directory));
    }

    public static Builder builder(ConfigurationOptions options) {
        return new Builder(options);
    }

    public ConfigurationOptions options() {
        return options;
    }

    /**
     * Loads, validates and applies the configuration of the active environment.
     *
     * @throws ConfigurationException listing every problem when it is invalid (nothing is applied), or when the
     *         directory does not exist
     */
    public ConfigurationSet start() {
        if (!java.nio.file.Files.isDirectory(options.directory())) {
            throw new ConfigurationException("the configuration directory " + options.directory() + " does not exist",
                    ValidationResult.OK);
        }
        ReloadStatus.Outcome outcome = reload("start");
        if (outcome.result() == ReloadStatus.Result.REJECTED) {
            throw new ConfigurationException("configuration in " + options.directory() + " is invalid",
                    new ValidationResult(outcome.problems()));
        }
        return current;
    }

    /** The configuration in force (empty before {@link #start}). */
    public ConfigurationSet current() {
        return current;
    }

    /** The effective configuration of a workflow in force: what the lifecycle manager, security and metrics read. */
    public Optional<WorkflowConfig> workflowConfig(String workflowId) {
        return current.workflow(workflowId);
    }

    public Optional<ScheduleConfig> scheduleConfig(String scheduleId) {
        return current.schedule(scheduleId);
    }

    /**
     * Reads a workflow's configuration from the files as they are now (active environment), validated. Does not
     * apply it; {@link #reload} does.
     *
     * @throws ConfigurationException when there is none, or its files have errors
     */
    public WorkflowConfig loadConfiguration(String workflowId) {
        return writes.load(workflowId);
    }

    /**
     * Validates and writes a workflow's configuration (atomically: temporary file and rename), then reloads. With an
     * active environment the environment's overlay is written (the smallest difference from the base file);
     * otherwise the base file. Comments of a rewritten file are not kept.
     *
     * @throws ConfigurationException when the configuration is invalid (nothing is written) or cannot be written
     */
    public void saveConfiguration(WorkflowConfig config) {
        lock.lock();
        try {
            writes.save(config);
            reload("save");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Validates a workflow configuration as it would be saved, together with the rest of the configuration (ids,
     * references, cycles). Positions refer to the YAML that {@link #saveConfiguration} would write.
     */
    public ValidationResult validateConfiguration(WorkflowConfig config) {
        return writes.validate(config);
    }

    /** Validates the files as they are now (active environment), without applying them. */
    public ValidationResult validate() {
        return loader.load(Sources.read(options.directory(), options.environment(), yaml), context()).result();
    }

    /** Re-reads the files and applies them when valid; otherwise keeps the configuration in force and reports. */
    public ReloadStatus.Outcome reload() {
        return reload("manual");
    }

    /** Watches the directory: changes are picked up within a second, validated, then applied or refused. */
    public void enableHotReload() {
        lock.lock();
        try {
            if (watcher == null) {
                watcher = new ConfigWatcher(options.directory(), options.reloadDebounce(), () -> reload("file-change"));
                watcher.start();
                status = withHotReload(true);
                log.info("configuration hot reload enabled for {}", options.directory());
            }
        } catch (IOException e) {
            throw new ConfigurationException("cannot watch " + options.directory(), e);
        } finally {
            lock.unlock();
        }
    }

    public void disableHotReload() {
        ConfigWatcher stopping;
        lock.lock();
        try {
            stopping = watcher;
            watcher = null;
            status = withHotReload(false);
        } finally {
            lock.unlock();
        }
        if (stopping != null) {
            stopping.close();
        }
    }

    public boolean isHotReloadEnabled() {
        return status.hotReload();
    }

    /** Reload outcomes so far (for the API and metrics). */
    public ReloadStatus status() {
        return status;
    }

    /** Environments that have a folder under {@code environments/}. */
    public List<String> environments() {
        return Sources.environments(options.directory());
    }

    /**
     * The effective workflow configurations of an environment (base files with its overlays), validated.
     *
     * @throws ConfigurationException when that environment's configuration is invalid
     */
    public List<WorkflowConfig> getEnvironmentConfig(String environment) {
        return List.copyOf(loadEnvironment(environment).workflows().values());
    }

    /**
     * The ids of the workflows an environment defines in YAML ({@code definitions/} and its overlays), read without
     * validating anything else. An application registers its Java workflows, except these, before {@link #start()}:
     * workflow configurations are validated against the workflows registered then, so a configuration of a Java
     * workflow fails if that workflow is registered only afterwards.
     */
    public Set<String> definedWorkflowIds(String environment) {
        Sources sources = Sources.read(options.directory(), environment, yaml);
        Set<String> ids = new java.util.TreeSet<>();
        java.util.stream.Stream.concat(sources.base().entrySet().stream(), sources.overlay().entrySet().stream())
                .filter(e -> e.getKey().startsWith("definitions/"))
                .forEach(e -> {
                    if (e.getValue() instanceof YNode.YMap map && map.get("id") instanceof YNode.YScalar id
                            && id.value() instanceof String text) {
                        ids.add(text);
                    }
                });
        return ids;
    }

    /** Everything an environment configures, validated, without applying it. */
    public ConfigurationSet loadEnvironment(String environment) {
        ConfigLoader.Loaded loaded = loader.load(Sources.read(options.directory(), environment, yaml), context());
        if (!loaded.result().isValid()) {
            throw new ConfigurationException("configuration of environment '" + environment + "' is invalid", loaded.result());
        }
        return loaded.set();
    }

    /**
     * Makes {@code toEnv}'s configuration equal {@code fromEnv}'s: writes {@code toEnv}'s overlays, validated, after
     * copying the ones it replaces to {@code .backups/}. Files only {@code toEnv} has are kept.
     */
    public MigrationPlan migrateConfiguration(String fromEnv, String toEnv) {
        return migrateConfiguration(fromEnv, toEnv, false);
    }

    /** With {@code dryRun}, only says what would change. */
    public MigrationPlan migrateConfiguration(String fromEnv, String toEnv, boolean dryRun) {
        lock.lock();
        try {
            MigrationPlan plan = new Migration(options.directory(), yaml, loader, context(), clock).run(fromEnv, toEnv, dryRun);
            if (plan.applied() && toEnv.equals(options.environment()) && sources != null) {
                reload("migrate");
            }
            return plan;
        } finally {
            lock.unlock();
        }
    }

    public void addListener(ConfigurationListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Stops hot reload. The configuration in force stays in force. */
    @Override
    public void close() {
        disableHotReload();
    }

    ConfigLoader.Context context() {
        return binding == null ? ConfigLoader.Context.OFFLINE : new ConfigLoader.Context(binding.javaVersions(), binding.declared());
    }

    private ReloadStatus.Outcome reload(String trigger) {
        lock.lock();
        try {
            Sources read = Sources.read(options.directory(), options.environment(), yaml);
            if (sources != null && !trigger.equals("manual") && read.equals(sources)) {
                return record(new ReloadStatus.Outcome(clock.instant(), trigger, ReloadStatus.Result.UNCHANGED,
                        current.generation(), List.of()), false);
            }
            ConfigLoader.Loaded loaded = loader.load(read, context());
            if (!loaded.result().isValid()) {
                ReloadStatus.Outcome outcome = new ReloadStatus.Outcome(clock.instant(), trigger,
                        ReloadStatus.Result.REJECTED, current.generation(), loaded.result().problems());
                log.warn("configuration change refused ({}), keeping generation {}:\n{}", trigger, current.generation(),
                        loaded.result().format());
                listeners.forEach(l -> notify(() -> l.rejected(loaded.result())));
                return record(outcome, false);
            }
            ConfigurationSet previous = current;
            ConfigurationSet next = loaded.set().withGeneration(previous.generation() + 1);
            if (binding != null) {
                try {
                    binding.apply(next);
                } catch (RuntimeException e) {
                    return notApplied(trigger, previous, e);
                }
            }
            current = next;
            sources = read;
            ReloadStatus.Outcome outcome = new ReloadStatus.Outcome(clock.instant(), trigger, ReloadStatus.Result.APPLIED,
                    next.generation(), loaded.result().warnings());
            log.info("configuration generation {} applied ({}): {} workflows, {} schedules, {} definitions",
                    next.generation(), trigger, next.workflows().size(), next.schedules().size(), next.definitions().size());
            listeners.forEach(l -> notify(() -> l.applied(next, previous)));
            return record(outcome, true);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A valid configuration the engine refused part-way (a definition it would not register or replace): the
     * definitions already changed are put back as {@code previous} had them, so the engine and {@link #current()}
     * agree again, and the reload is recorded as REJECTED with the engine's error. Definitions the failed apply
     * registered for the first time stay registered, as any definition does once removed from the files.
     */
    private ReloadStatus.Outcome notApplied(String trigger, ConfigurationSet previous, RuntimeException failure) {
        try {
            binding.apply(previous);
        } catch (RuntimeException again) {
            log.error("could not restore configuration generation {} on the engine after a failed apply; the"
                    + " engine may hold definitions of both", previous.generation(), again);
        }
        ValidationResult result = new ValidationResult(List.of(ConfigProblem.error(options.directory().toString(), 0, 0,
                "", "the engine refused the configuration (" + failure.getClass().getSimpleName() + ": "
                        + failure.getMessage() + "); generation " + previous.generation() + " stays in force")));
        log.warn("configuration change could not be applied ({}), keeping generation {}", trigger,
                previous.generation(), failure);
        listeners.forEach(l -> notify(() -> l.rejected(result)));
        return record(new ReloadStatus.Outcome(clock.instant(), trigger, ReloadStatus.Result.REJECTED,
                previous.generation(), result.problems()), false);
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("a configuration listener failed: {}", e.toString());
        }
    }

    private ReloadStatus.Outcome record(ReloadStatus.Outcome outcome, boolean applied) {
        recent.addFirst(outcome);
        while (recent.size() > RECENT) {
            recent.removeLast();
        }
        ReloadStatus s = status;
        status = new ReloadStatus(current.generation(), s.hotReload(), s.applied() + (applied ? 1 : 0),
                s.rejected() + (outcome.result() == ReloadStatus.Result.REJECTED ? 1 : 0),
                applied ? outcome.at() : s.lastAppliedAt(), outcome, List.copyOf(recent));
        return outcome;
    }

    private ReloadStatus withHotReload(boolean on) {
        ReloadStatus s = status;
        return new ReloadStatus(s.generation(), on, s.applied(), s.rejected(), s.lastAppliedAt(), s.last(), s.recent());
    }

    /** Assembles a manager; only the directory is required. */
    public static final class Builder {
        private ConfigurationOptions options;
        private WorkflowRunner runner;
        private StepTypeRegistry stepTypes;
        private Clock clock;
        private final List<ConfigurationListener> listeners = new java.util.ArrayList<>();

        private Builder(ConfigurationOptions options) {
            this.options = Objects.requireNonNull(options, "options");
        }

        /** The active environment, whose overlays apply (null: the base files alone). */
        public Builder environment(String value) {
            options = options.withEnvironment(value);
            return this;
        }

        public Builder options(java.util.function.UnaryOperator<ConfigurationOptions> change) {
            options = change.apply(options);
            return this;
        }

        /** The runner configuration takes effect on; without one the manager only reads and validates. */
        public Builder runner(WorkflowRunner value) {
            runner = Objects.requireNonNull(value, "runner");
            return this;
        }

        /** Step types declarative workflows may use (default: none). */
        public Builder stepTypes(StepTypeRegistry value) {
            stepTypes = Objects.requireNonNull(value, "stepTypes");
            return this;
        }

        /** Time of reload outcomes and backup names (default: the runner's clock). */
        public Builder clock(Clock value) {
            clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder listener(ConfigurationListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        public ConfigurationManager build() {
            return new ConfigurationManager(this);
        }
    }
}
