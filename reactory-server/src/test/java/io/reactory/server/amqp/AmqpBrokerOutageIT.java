package io.reactory.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stream of 5,000 start requests with the broker going away in the middle. By default the outage is simulated for
 * this test's virtual host only, so other tests on the shared broker are untouched: guest's permissions on the
 * virtual host are revoked and every connection to it is closed (reconnection attempts are then refused until the
 * permissions come back), which is what clients see of a broker restart — connections dropped, unacknowledged
 * deliveries requeued, unconfirmed publishes lost, reconnection impossible for a while. With
 * {@code -Dreactory.it.realBrokerRestart=true} the whole broker application is stopped and started instead
 * ({@code rabbitmqctl stop_app / start_app}; disturbs everyone using the broker).
 */
class AmqpBrokerOutageIT {
    private static final Logger log = LoggerFactory.getLogger(AmqpBrokerOutageIT.class);
    private static final int MESSAGES = 5_000;
    private static final int DIRECT = 50;
    private static final int BACKLOG = 2_500;
    private static final Duration WAIT = Duration.ofMinutes(3);
    private AmqpTestKit kit;

    /** Takes the broker away from this test's clients, and gives it back. */
    private interface Outage {
        void begin();

        void end();
    }

    @AfterEach
    void stop() {
        if (kit != null) {
            kit.close();
        }
    }

    private Outage outage() {
        if (Boolean.getBoolean("reactory.it.realBrokerRestart")) {
            return new Outage() {
                public void begin() {
                    RabbitBroker.ctl("stop_app");
                }

                public void end() {
                    RabbitBroker.ctl("start_app");
                }
            };
        }
        return new Outage() {
            public void begin() {
                kit.vhost.revokeAccess();
                kit.vhost.closeAllConnections();
            }

            public void end() {
                kit.vhost.grantAccess();
            }
        };
    }

    private static String request(int i) {
        String key = i % 2 == 0 ? ",\"idempotencyKey\":\"key-" + i + "\"" : ""; // odd ones rely on the message id
        return "{\"workflowId\":\"greet\",\"reference\":\"m-" + i + "\",\"data\":{\"name\":\"n" + i + "\"}" + key + "}";
    }

    /** Publishes every request with confirms; a batch that fails is published again once the broker is back. */
    private Thread publisher(AtomicInteger confirmed, AtomicReference<Throwable> failure) {
        return Thread.ofPlatform().name("test-publisher").start(() -> {
            try {
                Channel channel = kit.channel;
                int batch = 100;
                for (int from = 0; from < MESSAGES; ) {
                    int to = Math.min(MESSAGES, from + batch);
                    // at most BACKLOG ahead of the starts, so publishing goes on while the broker is away
                    await().atMost(WAIT).until(() -> to - kit.runner.getWorkflowStats().started() <= BACKLOG);
                    try {
                        for (int i = from; i < to; i++) {
                            channel.basicPublish("", "workflow.trigger", AmqpTestKit.json("m-" + i),
                                    request(i).getBytes(StandardCharsets.UTF_8));
                        }
                        channel.waitForConfirmsOrDie(10_000);
                        confirmed.set(to);
                        from = to;
                    } catch (Exception e) {
                        log.info("publishing batch {}..{} failed ({}); publishing it again once connected", from, to,
                                e.toString());
                        await().atMost(WAIT).until(kit.connection::isOpen);
                        try {
                            channel.abort();
                        } catch (Exception ignored) {
                            // closed already
                        }
                        channel = kit.connection.createChannel();
                        channel.confirmSelect();
                    }
                }
            } catch (Throwable t) {
                failure.set(t);
            }
        });
    }

    @Test
    void every_message_yields_exactly_one_instance_and_every_lifecycle_event_arrives_after_the_broker_returns()
            throws Exception {
        kit = new AmqpTestKit(b -> b.prefetch(32));
        // a store that takes 50 ms per start (at most 32 at once: ~640 starts/s): the stream lasts several seconds,
        // and when the broker goes away many starts are half done, their acknowledgements are lost, and the broker
        // delivers those messages again
        kit.runner.addStartInterceptor(request -> {
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            return request;
        });
        Outage outage = outage();
        AtomicInteger confirmed = new AtomicInteger();
        AtomicReference<Throwable> publishFailure = new AtomicReference<>();
        Thread publisher = publisher(confirmed, publishFailure);
        // a backlog first, so deliveries are in progress (prefetched, unacknowledged) when the broker goes away
        await().atMost(WAIT).until(() -> confirmed.get() >= BACKLOG || publishFailure.get() != null);
        kit.start();

        await().atMost(WAIT).until(() -> kit.runner.getWorkflowStats().started() >= 1_500);
        List<String> direct = new ArrayList<>();
        try {
            outage.begin();
            await().atMost(WAIT).until(() -> !kit.module.status().connected());
            // the engine goes on without the broker; its lifecycle events wait in the outbox
            for (int i = 0; i < DIRECT; i++) {
                direct.add(kit.runner.startWorkflow("greet", null, Map.of("name", "direct"),
                        StartOptions.DEFAULT.withReference("direct-" + i)));
            }
            await().atMost(WAIT).until(() -> direct.stream()
                    .allMatch(id -> kit.runner.getWorkflowStatus(id) == WorkflowStatus.COMPLETED));
            await().atMost(WAIT).until(() -> kit.module.status().outboxPending() >= DIRECT * 3L);
            assertThat(kit.module.status().connected()).isFalse();
        } finally {
            outage.end();
        }

        publisher.join(WAIT.toMillis());
        assertThat(publishFailure.get()).isNull();
        assertThat(confirmed.get()).isEqualTo(MESSAGES);
        await().atMost(WAIT).until(() -> kit.module.status().connected());
        await().atMost(WAIT).until(() -> kit.runner.getWorkflowStats().started() >= MESSAGES + DIRECT
                && kit.runner.getWorkflowStats().completed() >= MESSAGES + DIRECT);
        await().atMost(WAIT).until(() -> kit.module.status().outboxPending() == 0);
        await().atMost(WAIT).until(() -> kit.messageCount("workflow.trigger") == 0);

        // exactly one instance per message
        List<InstanceInfo> instances = kit.all();
        Map<String, Integer> perReference = new HashMap<>();
        instances.forEach(i -> perReference.merge(i.reference(), 1, Integer::sum));
        for (int i = 0; i < MESSAGES; i++) {
            assertThat(perReference.get("m-" + i)).as("instances for message m-" + i).isEqualTo(1);
        }
        assertThat(instances).hasSize(MESSAGES + DIRECT).allMatch(i -> i.status() == WorkflowStatus.COMPLETED);
        assertThat(kit.module.status().deadLettered()).isZero();
        assertThat(kit.module.status().started()).as("deliveries handled, redeliveries included").isGreaterThan(MESSAGES);

        // every lifecycle event at least once, and per instance first seen in the order of the changes
        Set<String> instanceIds = new HashSet<>();
        instances.forEach(i -> instanceIds.add(i.instanceId()));
        await().atMost(WAIT).until(() -> firstSeen(kit.tapped()).size() == instanceIds.size()
                && firstSeen(kit.tapped()).values().stream().allMatch(events -> events.size() == 3));
        Map<String, List<String>> events = firstSeen(kit.tapped());
        assertThat(events.keySet()).isEqualTo(instanceIds);
        events.forEach((id, types) -> assertThat(types).as(id)
                .containsExactly("workflow.created", "workflow.started", "workflow.completed"));
        log.info("outage test: {} deliveries handled for {} messages, {} lifecycle messages received for {} events",
                kit.module.status().started(), MESSAGES, kit.tapped().size(), instanceIds.size() * 3);
    }

    /** Per instance, the event types in the order they were first received (duplicates after recovery dropped). */
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
}
