package io.reactory.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.WorkflowStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay against the local RabbitMQ with the lifecycle outbox in a durable store: events leave in the
 * order of the changes, and events stored while the broker was away survive a restart of the engine and are sent by
 * the next one. Subclassed per dialect; {@link #openStore()} opens the same database every time it is called.
 */
abstract class JdbcOutboxRelayContract {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private AmqpTestKit kit;

    /** The test's database, opened again on every call (one call per engine start). */
    protected abstract WorkflowStore openStore();

    @AfterEach
    void stop() {
        if (kit != null) {
            kit.close();
        }
    }

    private AmqpTestKit kit() throws Exception {
        kit = new AmqpTestKit(this::openStore, b -> b.prefetch(32));
        return kit;
    }

    /** Per instance, the event types in the order they were first received (re-sent duplicates dropped). */
    private static Map<String, List<String>> firstSeen(List<AmqpTestKit.Tapped> tapped) {
        Set<String> seen = new HashSet<>();
        Map<String, List<String>> byInstance = new LinkedHashMap<>();
        for (AmqpTestKit.Tapped t : tapped) {
            if (t.key() != null && seen.add(t.messageId())) {
                byInstance.computeIfAbsent(t.key(), k -> new ArrayList<>()).add(t.type());
            }
        }
        return byInstance;
    }

    @Test
    void lifecycle_events_from_triggered_workflows_arrive_in_order_per_instance() throws Exception {
        kit().start();
        int n = 30;
        for (int i = 0; i < n; i++) {
            String workflow = i % 10 == 0 ? "broken" : "greet";
            kit.trigger("{\"workflowId\":\"" + workflow + "\",\"reference\":\"order-" + i + "\"}");
        }
        await().atMost(WAIT).until(() -> kit.tapped().size() >= n * 3);

        List<AmqpTestKit.Tapped> tapped = kit.tapped();
        assertThat(tapped).hasSize(n * 3);
        assertThat(tapped).extracting(AmqpTestKit.Tapped::messageId).doesNotHaveDuplicates();
        Map<String, List<AmqpTestKit.Tapped>> byInstance = tapped.stream()
                .collect(Collectors.groupingBy(AmqpTestKit.Tapped::key, LinkedHashMap::new, Collectors.toList()));
        assertThat(byInstance).hasSize(n);
        byInstance.forEach((id, events) -> {
            String last = events.get(0).routingKey().endsWith(".broken") ? "workflow.failed" : "workflow.completed";
            assertThat(events).extracting(AmqpTestKit.Tapped::type).as(id)
                    .containsExactly("workflow.created", "workflow.started", last);
            assertThat(events).extracting(AmqpTestKit.Tapped::sequence).as(id).isSorted();
        });
        await().atMost(WAIT).until(() -> kit.module.status().outboxPending() == 0);
    }

    @Test
    void events_stored_while_the_broker_is_away_are_sent_by_the_engine_that_runs_after_a_restart() throws Exception {
        kit().start();
        kit.vhost.revokeAccess();
        List<String> ids = new ArrayList<>();
        try {
            kit.vhost.closeAllConnections();
            await().atMost(WAIT).until(() -> !kit.module.status().connected());
            for (int i = 0; i < 20; i++) {
                ids.add(kit.runner.startWorkflow("greet", null, Map.of("name", "n" + i),
                        StartOptions.DEFAULT.withReference("offline-" + i)));
            }
            await().atMost(WAIT).until(() -> ids.stream()
                    .allMatch(id -> kit.runner.getWorkflowStatus(id) == WorkflowStatus.COMPLETED));
            await().atMost(WAIT).until(() -> kit.module.status().outboxPending() == ids.size() * 3L);

            kit.restartEngine();
            assertThat(kit.runner.store().outbox().pending()).as("the outbox outlived the engine")
                    .isEqualTo(ids.size() * 3L);
        } finally {
            kit.vhost.grantAccess();
        }
        kit.start();

        await().atMost(WAIT).until(() -> firstSeen(kit.tapped()).size() == ids.size()
                && firstSeen(kit.tapped()).values().stream().allMatch(events -> events.size() == 3));
        Map<String, List<String>> events = firstSeen(kit.tapped());
        assertThat(events.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        events.forEach((id, types) -> assertThat(types).as(id)
                .containsExactly("workflow.created", "workflow.started", "workflow.completed"));
        await().atMost(WAIT).until(() -> kit.module.status().outboxPending() == 0);
    }
}
