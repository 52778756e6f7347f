package io.reactory.server.cli;

import io.reactory.examples.ExampleData;
import io.reactory.examples.Examples;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.Workflow;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.WorkflowStore;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the example workflows once each on an embedded engine and prints what they did. State lives in the embedded
 * SQLite file {@code ./data/reactory.db} unless told otherwise, so a run that was killed finishes its instances the
 * next time.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run every example workflow once on an embedded engine and print the outcome.")
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--store", paramLabel = "KIND",
            description = "Store: sqlite (default; the file DIR/reactory.db of --data), postgres (--db) or memory (env REACTORY_STORE).")
    String storeKind;

    @Option(names = "--data", paramLabel = "DIR", description = "Folder of the embedded SQLite store (default ./data; env REACTORY_DATA).")
    Path dataDir;

    @Option(names = "--db", paramLabel = "URL", description = "PostgreSQL JDBC URL (env REACTORY_DB_URL); password from env REACTORY_DB_PASSWORD.")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", description = "PostgreSQL user (env REACTORY_DB_USER).")
    String dbUser;

    @Option(names = "--mermaid", description = "Also print each workflow's graph as a Mermaid flowchart.")
    boolean mermaid;

    @Option(names = "--timeout", defaultValue = "PT30S", description = "How long to wait for the workflows (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        Map<String, String> env = System.getenv();
        StoreSettings settings;
        WorkflowStore store;
        try {
            String kind = first(storeKind, env.get("REACTORY_STORE"));
            // as for serve: a --data flag beats a URL from the environment
            boolean dataFlag = dataDir != null && dbUrl == null && kind == null;
            String dataEnv = first(env.get("REACTORY_DATA"));
            Path data = dataDir != null ? dataDir : dataEnv == null ? null : Path.of(dataEnv);
            settings = StoreSettings.resolve(kind, data, dataFlag ? null : first(dbUrl, env.get("REACTORY_DB_URL")),
                    first(dbUser, env.get("REACTORY_DB_USER")), first(env.get("REACTORY_DB_PASSWORD"))); // env only
            store = settings.open();
        } catch (IllegalArgumentException | StoreSettings.StoreUnavailableException e) {
            spec.commandLine().getErr().println("reactory run: " + e.getMessage());
            return e instanceof IllegalArgumentException ? 2 : 1;
        }
        java.io.PrintWriter out = spec.commandLine().getOut();
        out.println("Store: " + settings.describe());
        try (store; WorkflowRunner runner = WorkflowRunner.builder().store(store).build()) {
            Examples.all().forEach(runner::registerWorkflow);
            runner.initialize();
            Map<String, String> started = new LinkedHashMap<>();
            for (Workflow<ExampleData> workflow : Examples.all()) {
                started.put(workflow.id(), runner.startWorkflow(workflow.id(), null, new ExampleData()));
            }
            Instant deadline = Instant.now().plus(timeout);
            while (!allFinished(runner, started) && Instant.now().isBefore(deadline)) {
                LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
            }
            int failures = 0;
            out.printf("%-22s %-10s %s%n", "workflow", "status", "steps");
            for (Map.Entry<String, String> entry : started.entrySet()) {
                InstanceInfo info = runner.getInstance(entry.getValue());
                ExampleData data = io.reactory.workflow.internal.Json.convert(info.data(), ExampleData.class);
                out.printf("%-22s %-10s %s%n", entry.getKey(), info.status(), String.join(" → ", data.log));
                if (info.status() != WorkflowStatus.COMPLETED) {
                    failures++;
                }
                if (mermaid) {
                    runner.definitions().stream().filter(d -> d.id().equals(entry.getKey())).findFirst()
                            .ifPresent(d -> out.println(d.toMermaid()));
                }
            }
            out.println(runner.getWorkflowStats());
            out.flush();
            return failures == 0 ? 0 : 1;
        }
    }

    private static String first(String... values) {
        for (String v : values) {
            if (!blank(v)) {
                return v;
            }
        }
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static boolean allFinished(WorkflowRunner runner, Map<String, String> started) {
        return started.values().stream().allMatch(id -> runner.getWorkflowStatus(id).isFinished());
    }
}
