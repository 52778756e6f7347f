package io.reactory.workflow.persistence.jdbc.durability;

import ch.qos.logback.classic.Level;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.LoggerFactory;

/**
 * One engine node in its own JVM, for the durability tests ({@link NodeProcess} launches it). Opens the store, runs
 * {@link FiveSteps} with a short lease so that take-overs happen within seconds, optionally starts instances first,
 * and exits 0 once the store holds the expected number of COMPLETED instances (or runs until it is killed).
 *
 * <p>Arguments ({@code --name value}): {@code --node} id, {@code --effects} file, {@code --sqlite} file or
 * {@code --pg-url}, {@code --pg-user}, {@code --pg-password}, {@code --schema}; optional {@code --pool} connections
 * (4), {@code --lease-ms} (2000), {@code --poll-ms} (250), {@code --max-in-flight} (2048), {@code --start} instances
 * (0) before the engine runs, {@code --expect} COMPLETED instances to exit at (0: never), {@code --step-ms} work per
 * step (0), {@code --block-step} step whose executions wait for a line {@code release} on stdin (0: none).
 *
 * <p>Prints one line per event on stdout, {@code HH:mm:ss.SSS KEY key=value ...}: {@code READY}, {@code STARTED},
 * {@code BLOCKED}, {@code PROGRESS}, {@code DONE}. The engine's own log goes to stdout too, with the dispatcher at
 * INFO so that a refused (fenced) commit is visible as "lost the lease of instance ...".
 */
public final class EngineNode {

    /** As the engine's log lines are stamped, so that both can be read as one timeline. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private EngineNode() {}

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.reactory.workflow.execution.Dispatcher"))
                .setLevel(Level.INFO);
        String node = args.get("node");
        int start = intArg(args, "start", 0);
        int expect = intArg(args, "expect", 0);
        int pool = intArg(args, "pool", 4);
        CountDownLatch release = new CountDownLatch(1);
        listenForRelease(release);

        try (WorkflowStore store = WorkflowStores.open(database(args, pool));
             EffectLog effects = EffectLog.open(Path.of(args.get("effects")))) {
            RunnerOptions options = RunnerOptions.defaults()
                    .withNodeId(node)
                    .withLeaseDuration(Duration.ofMillis(intArg(args, "lease-ms", 2000)))
                    .withPollInterval(Duration.ofMillis(intArg(args, "poll-ms", 250)))
                    .withMaxInFlight(intArg(args, "max-in-flight", 2048))
                    .withShutdownTimeout(Duration.ofSeconds(1))
                    .withStepLogContext(false);
            FiveSteps workflow = new FiveSteps(node, effects, Duration.ofMillis(intArg(args, "step-ms", 0)),
                    intArg(args, "block-step", 0), release,
                    (instance, step) -> say("BLOCKED instance=" + instance + " step=" + step));
            WorkflowRunner runner = WorkflowRunner.builder().store(store).options(options).workflow(workflow).build();
            say("READY node=" + node + " pid=" + ProcessHandle.current().pid());
            // Started before the engine runs, so a test that kills this node early still finds every instance
            // stored when it restarts it.
            Starter.start(runner, start, pool);
            say("STARTED node=" + node + " count=" + start);
            runner.initialize();
            awaitCompleted(store, expect);
            runner.close();
            say("DONE node=" + node);
        }
        System.exit(0);
    }

    /** Returns when the store counts {@code expect} COMPLETED instances; never when it is 0. */
    private static void awaitCompleted(WorkflowStore store, int expect) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        if (expect <= 0) {
            done.await(); // until the test kills this node
        }
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor();
        long[] reported = {-1};
        watcher.scheduleWithFixedDelay(() -> {
            try {
                long completed = store.instances().countByStatus().getOrDefault(WorkflowStatus.COMPLETED, 0L);
                if (completed != reported[0]) {
                    say("PROGRESS completed=" + completed);
                    reported[0] = completed;
                }
                if (completed >= expect) {
                    done.countDown();
                }
            } catch (RuntimeException e) {
                say("PROGRESS unknown=" + e.getClass().getSimpleName()); // the database is away (outage test)
            }
        }, 0, 200, TimeUnit.MILLISECONDS);
        done.await();
        watcher.shutdownNow();
    }

    private static void listenForRelease(CountDownLatch release) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    if (line.strip().equals("release")) {
                        release.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                say("STDIN closed=" + e.getMessage());
            }
        }, "stdin");
        reader.setDaemon(true);
        reader.start();
    }

    private static DatabaseOptions database(Map<String, String> args, int pool) {
        if (args.containsKey("sqlite")) {
            return DatabaseOptions.sqlite(Path.of(args.get("sqlite")));
        }
        return DatabaseOptions.postgres(require(args, "pg-url"), require(args, "pg-user"),
                        args.getOrDefault("pg-password", ""))
                .withSchema(require(args, "schema"))
                .withMaxPoolSize(pool);
    }

    private static synchronized void say(String line) {
        System.out.println(TIME.format(LocalTime.now()) + " " + line);
        System.out.flush();
    }

    private static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i < argv.length; i += 2) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) {
                throw new IllegalArgumentException("expected --name value pairs but got " + List.of(argv));
            }
            args.put(argv[i].substring(2), argv[i + 1]);
        }
        require(args, "node");
        require(args, "effects");
        return args;
    }

    private static String require(Map<String, String> args, String name) {
        String value = args.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing --" + name);
        }
        return value;
    }

    private static int intArg(Map<String, String> args, String name, int fallback) {
        String value = args.get(name);
        return value == null ? fallback : Integer.parseInt(value);
    }
}
