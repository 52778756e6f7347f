package io.reactory.workflow.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5's cluster acceptance as written: three scheduler nodes, each a JVM of its own ({@link ClusterFiringNode}),
 * on one PostgreSQL schema; 50 schedules firing every second for 30 s; half-way the node that fired most is killed
 * with SIGKILL (its claims and leases are left behind, nothing is released). Every fire time must have started
 * exactly one workflow, and every second after the kill must have its run in every schedule.
 */
class PostgresClusterFiringProcessesIT {
    private static final int NODES = 3;
    private static final int SCHEDULES = 50;
    private static final Duration RUN_FOR = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(120);
    private final List<NodeProcess> nodes = new ArrayList<>();

    /** A node's process, what it reported last, and its replies to commands. */
    private static final class NodeProcess {
        final String id;
        final Process process;
        final PrintWriter commands;
        final AtomicLong fired = new AtomicLong();
        final BlockingQueue<String> replies = new LinkedBlockingQueue<>();

        NodeProcess(String id, Process process) {
            this.id = id;
            this.process = process;
            this.commands = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
            Thread.ofVirtual().name("reader-" + id).start(this::read);
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.startsWith("fired ")) {
                        fired.set(Long.parseLong(line.substring("fired ".length()).trim()));
                    } else if (line.equals("ready") || line.equals("added") || line.equals("paused")) {
                        replies.add(line);
                    }
                }
            } catch (IOException e) {
                // the process was killed
            }
        }

        void expect(String reply) throws InterruptedException {
            String got = replies.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(got).as("%s answered (alive: %s)", id, process.isAlive()).isEqualTo(reply);
        }

        void command(String line, String reply) throws InterruptedException {
            commands.println(line);
            expect(reply);
        }
    }

    private NodeProcess startNode(String id, DatabaseOptions schema) throws IOException {
        Path log = Files.createTempFile("reactory-cluster-" + id, ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), ClusterFiringNode.class.getName(),
                schema.url(), schema.user(), schema.password() == null ? "" : schema.password(), schema.schema(), id)
                .redirectError(log.toFile()).start();
        NodeProcess node = new NodeProcess(id, process);
        nodes.add(node);
        return node;
    }

    @AfterEach
    void killNodes() throws InterruptedException {
        for (NodeProcess node : nodes) {
            node.process.destroyForcibly();
        }
        for (NodeProcess node : nodes) {
            node.process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static List<WorkflowInstance> runs(WorkflowStore store, Set<WorkflowStatus> statuses) {
        return store.instances().find(new InstanceQuery(statuses, "tick", null, null, null, null, 0, 10_000));
    }

    private static Map<String, TreeSet<Instant>> firedBy(WorkflowStore store) {
        Map<String, TreeSet<Instant>> fired = new HashMap<>();
        for (WorkflowInstance r : runs(store, Set.of())) {
            fired.computeIfAbsent(r.metadata.get(RunStarter.SCHEDULE_ID), k -> new TreeSet<>())
                    .add(Instant.parse(r.metadata.get(RunStarter.FIRE_TIME)));
        }
        return fired;
    }

    @Test
    void each_fire_time_starts_exactly_one_workflow_and_firing_goes_on_after_the_busiest_process_is_killed()
            throws Exception {
        DatabaseOptions schema = TestDatabases.postgres();
        // migrated here first, so the nodes start on a ready schema
        try (WorkflowStore store = WorkflowStores.open(schema.withMaxPoolSize(2))) {
            for (int i = 1; i <= NODES; i++) {
                startNode("node-" + i, schema);
            }
            for (NodeProcess node : nodes) {
                node.expect("ready");
            }
            Clock clock = Clock.systemUTC();
            nodes.get(0).command("add " + SCHEDULES, "added");
            Instant started = clock.instant();
            await().atMost(WAIT).until(() -> runs(store, Set.of()).size() >= SCHEDULES * RUN_FOR.toSeconds() / 2);

            NodeProcess busiest = nodes.stream().max(Comparator.comparingLong(n -> n.fired.get())).orElseThrow();
            String firedBeforeKill = nodes.stream().map(n -> n.id + "=" + n.fired.get())
                    .collect(Collectors.joining(", "));
            busiest.process.destroyForcibly(); // SIGKILL: no shutdown hook, no release of claims or leases
            assertThat(busiest.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            Instant killed = clock.instant();
            List<NodeProcess> survivors = nodes.stream().filter(n -> n != busiest).toList();

            Instant until = killed.plus(RUN_FOR.dividedBy(2)).truncatedTo(ChronoUnit.SECONDS);
            await().atMost(WAIT).until(() -> firedBy(store).values().stream()
                    .allMatch(times -> !times.isEmpty() && !times.last().isBefore(until)));
            survivors.get(0).command("pause " + SCHEDULES, "paused");
            // the killed node's runs are taken over when their leases expire
            await().atMost(WAIT).until(() -> runs(store, Set.of(WorkflowStatus.PENDING, WorkflowStatus.RUNNING)).isEmpty());

            List<WorkflowInstance> runs = runs(store, Set.of());
            Map<String, Long> perFireTime = runs.stream().collect(Collectors.groupingBy(
                    r -> r.metadata.get(RunStarter.SCHEDULE_ID) + "@" + r.metadata.get(RunStarter.FIRE_TIME),
                    Collectors.counting()));
            assertThat(perFireTime.values()).as("workflows started per fire time").containsOnly(1L);
            assertThat(runs).allSatisfy(r -> assertThat(r.status).isEqualTo(WorkflowStatus.COMPLETED));

            Map<String, TreeSet<Instant>> fired = firedBy(store);
            assertThat(fired).hasSize(SCHEDULES);
            Instant from = killed.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
            for (Map.Entry<String, TreeSet<Instant>> schedule : fired.entrySet()) {
                for (Instant t = from; !t.isAfter(until); t = t.plusSeconds(1)) {
                    assertThat(schedule.getValue()).as("%s fired at %s after %s was killed", schedule.getKey(), t,
                            busiest.id).contains(t);
                }
            }
            assertThat(survivors).allSatisfy(n -> assertThat(n.process.isAlive()).isTrue());
            assertThat(survivors.stream().mapToLong(n -> n.fired.get()).sum()).isPositive();
            System.out.printf("cluster firing (processes): %d runs, %d fire times, %s killed after %s; fired by node"
                            + " before the kill: %s; at the end: %s%n", runs.size(), perFireTime.size(), busiest.id,
                    Duration.between(started, killed), firedBeforeKill,
                    nodes.stream().map(n -> n.id + "=" + n.fired.get()).collect(Collectors.joining(", ")));
        }
    }
}
