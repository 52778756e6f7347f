package io.reactory.workflow.scheduling;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One scheduler node in a process of its own, for {@link PostgresClusterFiringProcessesIT}: a runner and a scheduler
 * on a PostgreSQL schema, with the options of {@link ClusterFiringContract}'s nodes. It reports on standard output
 * ({@code ready}, then {@code fired <n>} twice a second) and obeys standard input: {@code add <n>} adds n schedules
 * firing every second, {@code pause <n>} pauses them ({@code paused} when done). Killed, not stopped, by the test.
 *
 * <p>Arguments: JDBC URL, user, password, schema, node id.
 */
public final class ClusterFiringNode {
    private ClusterFiringNode() {}

    public static void main(String[] args) throws Exception {
        String nodeId = args[4];
        WorkflowStore store = WorkflowStores.open(DatabaseOptions.postgres(args[0], args[1], args[2])
                .withSchema(args[3]).withMaxPoolSize(6));
        WorkflowRunner runner = WorkflowRunner.builder().store(store)
                .options(RunnerOptions.defaults().withNodeId(nodeId).withLeaseDuration(Duration.ofSeconds(5))
                        .withPollInterval(Duration.ofMillis(200)).withShutdownTimeout(Duration.ofSeconds(2)))
                .build();
        runner.registerWorkflow(WorkflowDefinition.define("tick", "1", SchedulerHarness.ReportData.class,
                b -> b.startWith("tick", ctx -> ExecutionResult.next())));
        runner.initialize();
        WorkflowScheduler scheduler = WorkflowScheduler.builder(runner)
                .options(SchedulerOptions.defaults(nodeId).withPollInterval(Duration.ofMillis(200))
                        .withClaimTimeout(Duration.ofSeconds(2)).withReconcileInterval(Duration.ofSeconds(5)))
                .build();
        scheduler.initialize();
        ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();
        reporter.scheduleAtFixedRate(() -> System.out.println("fired " + scheduler.getSchedulerStats().fired()),
                0, 500, TimeUnit.MILLISECONDS);
        System.out.println("ready");
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = commands.readLine()) != null; ) {
            String[] command = line.trim().split(" ");
            int n = Integer.parseInt(command[1]);
            for (int i = 0; i < n; i++) {
                if (command[0].equals("add")) {
                    scheduler.addSchedule(everySecond("every-second-" + i));
                } else {
                    scheduler.pauseSchedule("every-second-" + i);
                }
            }
            System.out.println(command[0].equals("add") ? "added" : "paused");
        }
        reporter.shutdownNow();
        scheduler.close();
        runner.close();
        store.close();
    }

    static ScheduleConfig everySecond(String id) {
        return new ScheduleConfig(id, null, null, new ScheduleConfig.WorkflowRef("tick", null, null),
                new ScheduleConfig.Timing("* * * * * *", "UTC", true, null, null, "allow", null, null),
                Map.of(), null, null, null);
    }
}
