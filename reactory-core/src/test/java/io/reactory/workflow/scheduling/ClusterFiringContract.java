package io.reactory.workflow.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.WorkflowStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several nodes, each a runner and a scheduler on its own threads with the real clock, share one database: every
 * fire time starts exactly one workflow, and when the node that fired most is stopped the others go on firing
 * without a gap. Subclass it once per store; a subclass says how a node opens the store (the same object in memory,
 * one connection pool per node on PostgreSQL) and may run longer or with more schedules.
 */
public abstract class ClusterFiringContract {
    private final List<Node> nodes = new ArrayList<>();

    /** The store for one more node; all of them must reach the same data. */
    protected abstract WorkflowStore openStore();

    /** How many nodes run. */
    protected int nodeCount() {
        return 3;
    }

    /** How many schedules fire every second. */
    protected int scheduleCount() {
        return 50;
    }

    /** How long the schedules fire in all (about): the busiest node is stopped half-way. */
    protected Duration runFor() {
        return Duration.ofSeconds(10);
    }

    /** One node: its runner and scheduler. */
    protected record Node(String id, WorkflowStore store, WorkflowRunner runner, WorkflowScheduler scheduler) {
        void stop() {
            scheduler.close();
            runner.close();
        }
    }

    /** A node with the options the test needs; a subclass may tune them. */
    protected Node startNode(String id) {
        WorkflowStore store = openStore();
        WorkflowRunner runner = WorkflowRunner.builder().store(store)
                .options(RunnerOptions.defaults().withNodeId(id).withLeaseDuration(Duration.ofSeconds(5))
                        .withPollInterval(Duration.ofMillis(200)).withShutdownTimeout(Duration.ofSeconds(2)))
                .build();
        runner.registerWorkflow(WorkflowDefinition.define("tick", "1", SchedulerHarness.ReportData.class,
                b -> b.startWith("tick", ctx -> ExecutionResult.next())));
        runner.initialize();
        WorkflowScheduler scheduler = WorkflowScheduler.builder(runner)
                .options(SchedulerOptions.defaults(id).withPollInterval(Duration.ofMillis(200))
                        .withClaimTimeout(Duration.ofSeconds(2)).withReconcileInterval(Duration.ofSeconds(5)))
                .build();
        scheduler.initialize();
        Node node = new Node(id, store, runner, scheduler);
        nodes.add(node);
        return node;
    }

    @AfterEach
    void stopNodes() {
        for (Node node : nodes) {
            node.stop();
        }
        for (Node node : nodes) {
            node.store().close();
        }
    }

    private static long count(WorkflowRunner runner) {
        return runner.findInstances(new InstanceQuery(null, "tick", null, null, null, null, 0, 10_000)).size();
    }

    /** The fire times of the runs in the store, per schedule. */
    private static Map<String, TreeSet<Instant>> firedBy(WorkflowRunner runner) {
        Map<String, TreeSet<Instant>> fired = new HashMap<>();
        for (InstanceInfo r : runner.findInstances(new InstanceQuery(null, "tick", null, null, null, null, 0, 10_000))) {
            fired.computeIfAbsent(r.metadata().get("reactory.scheduleId"), k -> new TreeSet<>())
                    .add(Instant.parse(r.metadata().get("reactory.fireTime")));
        }
        return fired;
    }

    @Test
    void each_fire_time_starts_exactly_one_workflow_and_firing_goes_on_when_the_busiest_node_stops() {
        for (int i = 0; i < nodeCount(); i++) {
            startNode("node-" + (i + 1));
        }
        Clock clock = Clock.systemUTC();
        for (int i = 0; i < scheduleCount(); i++) {
            nodes.get(i % nodes.size()).scheduler().addSchedule(new ScheduleConfig("every-second-" + i, null, null,
                    new ScheduleConfig.WorkflowRef("tick", null, null),
                    new ScheduleConfig.Timing("* * * * * *", "UTC", true, null, null, "allow", null, null),
                    Map.of(), null, null, null));
        }
        Instant started = clock.instant();
        WorkflowRunner anyNode = nodes.get(0).runner();
        await().atMost(runFor().multipliedBy(4))
                .until(() -> count(anyNode) >= (long) scheduleCount() * runFor().toSeconds() / 2);

        Node busiest = nodes.stream()
                .max(Comparator.comparingLong(n -> n.scheduler().getSchedulerStats().fired())).orElseThrow();
        busiest.stop();
        Instant stopped = clock.instant();
        List<Node> survivors = nodes.stream().filter(n -> n != busiest).toList();
        WorkflowRunner reader = survivors.get(0).runner();
        // Run until every schedule has fired for half the run time after the stop.
        Instant until = stopped.plus(runFor().dividedBy(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        await().atMost(runFor().multipliedBy(4)).until(() -> firedBy(reader).values().stream()
                .allMatch(times -> !times.isEmpty() && !times.last().isBefore(until)));

        WorkflowScheduler control = survivors.get(0).scheduler();
        for (int i = 0; i < scheduleCount(); i++) {
            control.pauseSchedule("every-second-" + i);
        }
        Instant ended = until;
        await().atMost(Duration.ofSeconds(30)).until(() -> reader.findInstances(new InstanceQuery(
                Set.of(WorkflowStatus.PENDING, WorkflowStatus.RUNNING), "tick", null, null, null, null, 0, 10)).isEmpty());

        List<InstanceInfo> runs = reader.findInstances(new InstanceQuery(null, "tick", null, null, null, null, 0, 10_000));
        Map<String, Long> perFireTime = runs.stream().collect(Collectors.groupingBy(
                r -> r.metadata().get("reactory.scheduleId") + "@" + r.metadata().get("reactory.fireTime"),
                Collectors.counting()));
        assertThat(perFireTime.values()).as("workflows started per fire time").containsOnly(1L);
        assertThat(runs).allSatisfy(r -> assertThat(r.status()).isEqualTo(WorkflowStatus.COMPLETED));

        // Firing went on: every second after the stop has its run in every schedule (a claim the stopped node left
        // is taken over after the claim timeout, for its own fire time: late, but no gap).
        Map<String, TreeSet<Instant>> fired = firedBy(reader);
        Instant from = stopped.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(1);
        Instant to = ended;
        assertThat(fired).hasSize(scheduleCount());
        for (Map.Entry<String, TreeSet<Instant>> schedule : fired.entrySet()) {
            for (Instant t = from; !t.isAfter(to); t = t.plusSeconds(1)) {
                assertThat(schedule.getValue()).as("%s fired at %s after %s stopped", schedule.getKey(), t,
                        busiest.id()).contains(t);
            }
        }
        long firedBySurvivors = survivors.stream().mapToLong(n -> n.scheduler().getSchedulerStats().fired()).sum();
        assertThat(firedBySurvivors).isPositive();
        System.out.printf("cluster firing: %d runs, %d fire times, %s stopped after %s; fired by node: %s%n",
                runs.size(), perFireTime.size(), busiest.id(), Duration.between(started, stopped),
                nodes.stream().map(n -> n.id() + "=" + n.scheduler().getSchedulerStats().fired())
                        .collect(Collectors.joining(", ")));
    }
}
