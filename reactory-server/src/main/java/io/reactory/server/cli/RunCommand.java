package io.reactory.server.cli;

import io.reactory.examples.ExampleData;
import io.reactory.examples.Examples;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.Workflow;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Runs the example workflows once each on an embedded engine and prints what they did. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run every example workflow once on an embedded engine and print the outcome.")
public final class RunCommand implements Callable<Integer> {

    @Option(names = "--mermaid", description = "Also print each workflow's graph as a Mermaid flowchart.")
    boolean mermaid;

    @Option(names = "--timeout", defaultValue = "PT30S", description = "How long to wait for the workflows (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() {
        try (WorkflowRunner runner = WorkflowRunner.builder().build()) {
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
            System.out.printf("%-22s %-10s %s%n", "workflow", "status", "steps");
            for (Map.Entry<String, String> entry : started.entrySet()) {
                InstanceInfo info = runner.getInstance(entry.getValue());
                ExampleData data = io.reactory.workflow.internal.Json.convert(info.data(), ExampleData.class);
                System.out.printf("%-22s %-10s %s%n", entry.getKey(), info.status(), String.join(" → ", data.log));
                if (info.status() != WorkflowStatus.COMPLETED) {
                    failures++;
                }
                if (mermaid) {
                    runner.definitions().stream().filter(d -> d.id().equals(entry.getKey())).findFirst()
                            .ifPresent(d -> System.out.println(d.toMermaid()));
                }
            }
            System.out.println(runner.getWorkflowStats());
            return failures == 0 ? 0 : 1;
        }
    }

    private static boolean allFinished(WorkflowRunner runner, Map<String, String> started) {
        return started.values().stream().allMatch(id -> runner.getWorkflowStatus(id).isFinished());
    }
}
