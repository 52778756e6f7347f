package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Every meter Reactory publishes, named once: its Micrometer name, kind, tag keys (in order), description and, for
 * timers, histogram buckets. Code registers meters only through these definitions; the README's metrics table and
 * the tests read them too. Prometheus names follow Micrometer's convention: dots become underscores, counters end in
 * {@code _total}, timers are in seconds ({@code _seconds_count}, {@code _sum}, {@code _max}, {@code _bucket}).
 *
 * <p>Tag values are bounded: workflow ids, versions, step names, schedule ids, dependency names, error types and
 * endpoints come from definitions, configuration or code, never from instances (no instance id, reference or user is
 * ever a tag value); each tag key of each meter takes at most {@link MetricsOptions#maxTagValues()} distinct values,
 * the rest are counted as {@value TagGuard#OTHER}.
 */
public final class ReactoryMetrics {
    /** Tag keys. */
    public static final String WORKFLOW = "workflow";
    public static final String VERSION = "version";
    public static final String STATUS = "status";
    public static final String REASON = "reason";
    public static final String STEP = "step";
    public static final String OUTCOME = "outcome";
    public static final String RESULT = "result";
    public static final String ERROR_TYPE = "error_type";
    public static final String RETRYABLE = "retryable";
    public static final String ACTION = "action";
    public static final String DEPENDENCY = "dependency";
    public static final String STATE = "state";
    public static final String FROM = "from";
    public static final String TO = "to";
    public static final String SCHEDULE = "schedule";
    public static final String STORE = "store";
    public static final String OPERATION = "operation";
    public static final String TYPE = "type";
    public static final String ENDPOINT = "endpoint";
    public static final String ALERT = "alert";
    public static final String SEVERITY = "severity";
    public static final String COMPONENT = "component";
    public static final String METHOD = "method";
    public static final String ROUTE = "route";
    public static final String TAG = "tag";

    private static final List<Definition> ALL = new ArrayList<>();

    private static final Duration[] EXECUTION_BUCKETS = durations("10ms", "50ms", "100ms", "250ms", "500ms", "1s", "2.5s",
            "5s", "10s", "30s", "1m", "5m", "15m", "30m", "1h", "3h", "6h", "12h", "1d");
    private static final Duration[] STEP_BUCKETS = durations("1ms", "5ms", "10ms", "25ms", "50ms", "100ms", "250ms",
            "500ms", "1s", "2.5s", "5s", "10s", "30s", "1m", "5m");
    private static final Duration[] FAST_BUCKETS = durations("100us", "250us", "500us", "1ms", "2.5ms", "5ms", "10ms",
            "25ms", "50ms", "100ms", "250ms", "500ms", "1s", "5s");
    private static final Duration[] LATENESS_BUCKETS = durations("10ms", "100ms", "500ms", "1s", "5s", "10s", "30s",
            "1m", "5m", "15m", "1h", "6h", "1d");

    // Workflow execution
    public static final Definition WORKFLOW_STARTED = counter("reactory.workflow.started",
            "Instances created (started), per workflow", WORKFLOW);
    public static final Definition WORKFLOW_COMPLETED = counter("reactory.workflow.completed",
            "Instances that completed, per workflow (completions by type)", WORKFLOW);
    public static final Definition WORKFLOW_FAILED = counter("reactory.workflow.failed",
            "Instances that failed, per workflow and reason (STEP_FAILED, COMPENSATED, TIMEOUT)", WORKFLOW, REASON);
    public static final Definition WORKFLOW_CANCELLED = counter("reactory.workflow.cancelled",
            "Instances that were cancelled, per workflow", WORKFLOW);
    public static final Definition WORKFLOW_EXECUTION = timer("reactory.workflow.execution",
            "Execution time from start to finish (engine clock), per workflow, version and final status",
            EXECUTION_BUCKETS, WORKFLOW, VERSION, STATUS);
    public static final Definition WORKFLOW_SLA = counter("reactory.workflow.sla",
            "Finished instances of workflows with an SLA (monitoring.sla): met, late (completed after it) or failed",
            WORKFLOW, RESULT);
    public static final Definition STEP_DURATION = timer("reactory.step.duration",
            "Step attempts and how long they ran, per workflow, step and outcome (success, failure)", STEP_BUCKETS,
            WORKFLOW, STEP, OUTCOME);
    public static final Definition STEP_RETRIES = counter("reactory.step.retries",
            "Failed step attempts that will be retried after their back-off", WORKFLOW, STEP);
    public static final Definition ERRORS = counter("reactory.errors",
            "Failures the ErrorHandler handled, by workflow, exception type, classification and action taken",
            WORKFLOW, ERROR_TYPE, RETRYABLE, ACTION);
    public static final Definition INSTANCES = gauge("reactory.instances",
            "Instances in the store by status (every node)", STATUS);
    public static final Definition QUEUE_RUNNABLE = gauge("reactory.queue.runnable",
            "Instances due or signalled and waiting for an engine (NaN when the store cannot count them)");
    public static final Definition QUEUE_PENDING = gauge("reactory.queue.pending",
            "Instances created and not started yet (PENDING), including those with a later start time");
    public static final Definition ENGINE_IN_FLIGHT = gauge("reactory.engine.in.flight",
            "Instances this node holds right now (executing or about to)");
    public static final Definition DEFINITIONS = gauge("reactory.definitions", "Registered workflow versions");

    // Resilience
    public static final Definition BREAKER_STATE = gauge("reactory.circuit.breaker.state",
            "1 for the state each circuit breaker is in (CLOSED, OPEN, HALF_OPEN), 0 for the others", DEPENDENCY, STATE);
    public static final Definition BREAKER_TRANSITIONS = counter("reactory.circuit.breaker.transitions",
            "Circuit breaker state changes", DEPENDENCY, FROM, TO);
    public static final Definition BREAKER_REFUSED = counter("reactory.circuit.breaker.refused",
            "Step calls a circuit breaker refused (held or failed fast)", DEPENDENCY);
    public static final Definition BREAKER_FAILURE_RATE = gauge("reactory.circuit.breaker.failure.rate",
            "Failed calls in a breaker's window in percent (NaN until the minimum number of calls)", DEPENDENCY);

    // Scheduler
    public static final Definition SCHEDULER_FIRED = counter("reactory.scheduler.fired",
            "Scheduled runs started for a fire time (first attempts)", SCHEDULE);
    public static final Definition SCHEDULER_RETRIED = counter("reactory.scheduler.retried",
            "Further attempts of scheduled runs after a failure", SCHEDULE);
    public static final Definition SCHEDULER_SKIPPED = counter("reactory.scheduler.skipped",
            "Fire times that got no run, by reason (misfire, catch_up_limit, overlap, paused, removed)", SCHEDULE, REASON);
    public static final Definition SCHEDULER_RUNS = counter("reactory.scheduler.runs",
            "Scheduled runs that ended, by outcome (completed, failed, cancelled, timed_out, skipped)", SCHEDULE, OUTCOME);
    public static final Definition SCHEDULER_LATENESS = timer("reactory.scheduler.lateness",
            "How long after its due time a scheduled run attempt started", LATENESS_BUCKETS, SCHEDULE);
    public static final Definition SCHEDULER_SCHEDULES = gauge("reactory.scheduler.schedules",
            "Schedules in the store by state (active, paused, disabled)", STATE);
    public static final Definition SCHEDULER_RUNS_IN_FLIGHT = gauge("reactory.scheduler.runs.in.flight",
            "Scheduled runs started (or starting, or waiting for a retry) and not finished");
    public static final Definition SCHEDULER_RUNS_WAITING = gauge("reactory.scheduler.runs.waiting",
            "Fire times waiting for a run of their schedule to finish (overlap policy buffer-one)");

    // Lifecycle
    public static final Definition DEPENDENCY_WAITING = gauge("reactory.dependency.waiting",
            "Instances waiting for the workflows they depend on", WORKFLOW);
    public static final Definition DEPENDENCY_WAIT = timer("reactory.dependency.wait",
            "How long instances waited for their dependencies, by outcome (satisfied, failed, cancelled)",
            EXECUTION_BUCKETS, WORKFLOW, OUTCOME);
    public static final Definition LIFECYCLE_QUEUED = gauge("reactory.lifecycle.queued",
            "Instances held back by their workflow's concurrency limit", WORKFLOW);

    // Store
    public static final Definition STORE_OPERATIONS = timer("reactory.store.operations",
            "Store operations and their latency (creates, claims, commits, lease renewals)", FAST_BUCKETS, STORE,
            OPERATION, OUTCOME);
    public static final Definition STORE_POOL_CONNECTIONS = gauge("reactory.store.pool.connections",
            "Connections of the store's pool by state (active, idle, pending = threads waiting); NaN without a pool",
            STORE, STATE);
    public static final Definition STORE_POOL_MAX = gauge("reactory.store.pool.max",
            "The store pool's maximum size; NaN without a pool", STORE);

    // Configuration, security, HTTP, health, alerts
    public static final Definition CONFIG_RELOADS = counter("reactory.config.reloads",
            "Configuration reloads applied (the first load included) and refused as invalid", RESULT);
    public static final Definition CONFIG_STALE = gauge("reactory.config.stale",
            "1 when the last configuration change was refused (the configuration in force is older than the files)");
    public static final Definition CONFIG_GENERATION = gauge("reactory.config.generation",
            "Generation of the configuration in force");
    public static final Definition SECURITY_EVENTS = counter("reactory.security.events",
            "Security events recorded, by type (AUTHENTICATION_FAILED, TOKEN_MISUSE, PERMISSION_DENIED, RATE_LIMITED)",
            TYPE);
    public static final Definition RATE_LIMITED = counter("reactory.security.rate.limited",
            "Requests refused for their rate limit, by endpoint", ENDPOINT);
    public static final Definition AUDIT_ENTRIES = counter("reactory.audit.entries",
            "Audit log entries (user activity), by action and outcome", ACTION, OUTCOME);
    public static final Definition HTTP_REQUESTS = timer("reactory.http.requests",
            "API requests by method, route and status", FAST_BUCKETS, METHOD, ROUTE, STATUS);
    public static final Definition HEALTH = gauge("reactory.health",
            "1 for the status each health component is in (UP, DEGRADED, DOWN), 0 for the others", COMPONENT, STATUS);
    public static final Definition ALERTS = counter("reactory.alerts",
            "Alerts raised (monitoring.alerts of a workflow's configuration)", WORKFLOW, ALERT, SEVERITY);
    public static final Definition TAG_OVERFLOW = counter("reactory.metrics.tag.overflow",
            "Tag values recorded as 'other' because a meter's tag key reached its limit of distinct values (tag: meter/key)",
            TAG);

    private ReactoryMetrics() {}

    /** Every definition, in catalogue order. */
    public static List<Definition> all() {
        return List.copyOf(ALL);
    }

    /** The JVM and process meters Micrometer's binders add ({@code jvm_*}, {@code process_*}, {@code system_*}). */
    public static List<String> jvmPrometheusNames() {
        return List.of("jvm_memory_used_bytes", "jvm_memory_max_bytes", "jvm_gc_pause_seconds_count",
                "jvm_threads_live_threads", "jvm_threads_states_threads", "process_cpu_usage", "system_cpu_usage",
                "process_uptime_seconds", "jvm_classes_loaded_classes");
    }

    /** What kind of meter a definition is. */
    public enum Kind {
        COUNTER,
        GAUGE,
        TIMER
    }

    /**
     * One meter: name, kind, description, tag keys in order, and histogram buckets for timers.
     */
    public record Definition(String name, Kind kind, String description, List<String> tags, List<Duration> buckets) {
        public Definition {
            Objects.requireNonNull(name, "name");
            tags = List.copyOf(tags);
            buckets = List.copyOf(buckets);
        }

        /** The Prometheus name of the meter's family ({@code reactory_workflow_started_total}). */
        public String prometheusName() {
            String base = name.replace('.', '_');
            return switch (kind) {
                case COUNTER -> base + "_total";
                case GAUGE -> base;
                case TIMER -> base + "_seconds";
            };
        }

        /** The names of the series a scrape shows for it. */
        public List<String> prometheusSeries() {
            String family = prometheusName();
            return kind == Kind.TIMER
                    ? List.of(family + "_count", family + "_sum", family + "_max", family + "_bucket")
                    : List.of(family);
        }

        /** Registers (or finds) the counter with these tag values, in the order of {@link #tags()}. */
        public Counter counter(MeterRegistry registry, String... values) {
            check(Kind.COUNTER, values);
            return Counter.builder(name).description(description).tags(tags(values)).register(registry);
        }

        /** Registers (or finds) the timer with these tag values; its histogram has the definition's buckets. */
        public Timer timer(MeterRegistry registry, String... values) {
            check(Kind.TIMER, values);
            return Timer.builder(name).description(description).tags(tags(values))
                    .serviceLevelObjectives(buckets.toArray(Duration[]::new))
                    .register(registry);
        }

        /** Registers a gauge reading {@code value} from {@code source} (held strongly: it lives as long as the registry). */
        public <T> Gauge gauge(MeterRegistry registry, T source, ToDoubleFunction<T> value, String... values) {
            check(Kind.GAUGE, values);
            return Gauge.builder(name, source, value).description(description).tags(tags(values)).strongReference(true)
                    .register(registry);
        }

        /**
         * Registers a counter whose value is read from {@code source} (a figure something else counts). The registry
         * holds {@code source} weakly: keep it referenced.
         */
        public <T> FunctionCounter functionCounter(MeterRegistry registry, T source, ToDoubleFunction<T> value,
                                                   String... values) {
            check(Kind.COUNTER, values);
            return FunctionCounter.builder(name, source, value).description(description).tags(tags(values))
                    .register(registry);
        }

        /** The tags for these values, in the order of {@link #tags()}. */
        public Tags tags(String... values) {
            if (values.length != tags.size()) {
                throw new IllegalArgumentException(name + " has tags " + tags + " but " + values.length + " values were given");
            }
            Tags out = Tags.empty();
            for (int i = 0; i < values.length; i++) {
                out = out.and(tags.get(i), values[i] == null ? "none" : values[i]);
            }
            return out;
        }

        void check(Kind expected, String[] values) {
            if (kind != expected) {
                throw new IllegalStateException(name + " is a " + kind + ", not a " + expected);
            }
            if (values.length != tags.size()) {
                throw new IllegalArgumentException(name + " has tags " + tags + " but " + values.length + " values were given");
            }
        }
    }

    private static Definition counter(String name, String description, String... tags) {
        return add(new Definition(name, Kind.COUNTER, description, List.of(tags), List.of()));
    }

    private static Definition gauge(String name, String description, String... tags) {
        return add(new Definition(name, Kind.GAUGE, description, List.of(tags), List.of()));
    }

    private static Definition timer(String name, String description, Duration[] buckets, String... tags) {
        return add(new Definition(name, Kind.TIMER, description, List.of(tags), List.of(buckets)));
    }

    private static Definition add(Definition definition) {
        ALL.add(definition);
        return definition;
    }

    /** Lower-case label value of an enum constant ({@code TIMED_OUT} → {@code timed_out}). */
    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static Duration[] durations(String... texts) {
        Duration[] out = new Duration[texts.length];
        for (int i = 0; i < texts.length; i++) {
            out[i] = parse(texts[i]);
        }
        return out;
    }

    private static Duration parse(String text) {
        int unit = 0;
        while (unit < text.length() && (Character.isDigit(text.charAt(unit)) || text.charAt(unit) == '.')) {
            unit++;
        }
        double amount = Double.parseDouble(text.substring(0, unit));
        long nanos = switch (text.substring(unit)) {
            case "us" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            case "d" -> 86_400_000_000_000L;
            default -> throw new IllegalArgumentException("unknown unit in " + text);
        };
        return Duration.ofNanos(Math.round(amount * nanos));
    }
}
