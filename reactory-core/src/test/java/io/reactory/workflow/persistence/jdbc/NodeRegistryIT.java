package io.reactory.workflow.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.persistence.NodeRegistry;
import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The node registry on both dialects: heartbeats on the store's clock, and a runner that keeps itself registered. */
class NodeRegistryIT {

    @Test
    void sqlite_nodes_are_live_while_their_heartbeats_are_recent_on_the_stores_clock() {
        ManualClock storeClock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (JdbcWorkflowStore store = new JdbcWorkflowStore(Database.open(TestDatabases.sqlite()), storeClock,
                new RecordedRows<>(), new RecordedRows<>())) {
            NodeRegistry nodes = store.nodes().orElseThrow();
            nodes.register("node-a");
            nodes.register("node-b");
            assertThat(nodes.live(Duration.ofSeconds(10))).extracting(NodeRegistry.Node::id)
                    .containsExactly("node-a", "node-b");

            storeClock.advance(Duration.ofSeconds(8));
            nodes.heartbeat("node-b");
            storeClock.advance(Duration.ofSeconds(8));
            assertThat(nodes.live(Duration.ofSeconds(10))).singleElement().satisfies(n -> {
                assertThat(n.id()).isEqualTo("node-b");
                assertThat(n.startedAt()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
                assertThat(n.heartbeatAt()).isEqualTo(Instant.parse("2026-03-01T10:00:08Z"));
            });

            nodes.deregister("node-b");
            nodes.heartbeat("node-c"); // registers a node the registry does not know
            assertThat(nodes.live(Duration.ofSeconds(10))).extracting(NodeRegistry.Node::id).containsExactly("node-c");
        }
    }

    @Test
    void postgres_heartbeats_are_on_the_database_clock() {
        try (JdbcWorkflowStore store = new JdbcWorkflowStore(Database.open(TestDatabases.postgres()))) {
            NodeRegistry nodes = store.nodes().orElseThrow();
            nodes.register("node-a");
            nodes.heartbeat("node-a");
            assertThat(nodes.live(Duration.ofMinutes(1))).singleElement().satisfies(n -> {
                assertThat(n.id()).isEqualTo("node-a");
                assertThat(n.heartbeatAt()).isAfterOrEqualTo(n.startedAt());
            });
            nodes.deregister("node-a");
            assertThat(nodes.live(Duration.ofMinutes(1))).isEmpty();
        }
    }

    @Test
    void a_running_engine_registers_its_node_and_deregisters_it_when_closed() {
        try (JdbcWorkflowStore store = new JdbcWorkflowStore(Database.open(TestDatabases.postgres()))) {
            NodeRegistry nodes = store.nodes().orElseThrow();
            try (WorkflowRunner runner = WorkflowRunner.builder().store(store)
                    .options(RunnerOptions.defaults().withNodeId("engine-7").withLeaseDuration(Duration.ofMillis(600)))
                    .build()) {
                runner.initialize();
                Instant registered = nodes.live(Duration.ofMinutes(1)).get(0).heartbeatAt();
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(nodes.live(Duration.ofMinutes(1))).singleElement().satisfies(n -> {
                            assertThat(n.id()).isEqualTo("engine-7");
                            assertThat(n.heartbeatAt()).as("it heartbeats").isAfter(registered);
                        }));
            }
            assertThat(nodes.live(Duration.ofMinutes(1))).isEmpty();
        }
    }
}
