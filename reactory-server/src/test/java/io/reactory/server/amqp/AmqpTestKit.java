package io.reactory.server.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.RunnerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.resilience.RetryOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A runner with the AMQP adapter on a virtual host of its own, a test connection to publish with, and a tap queue
 * bound to the lifecycle exchange that records what arrives (acknowledging each message only after recording it).
 */
final class AmqpTestKit implements AutoCloseable {
    static final String TAP = "test.tap";

    /** Data of the test workflows. */
    public static class Greeting {
        public String name;
        public String orderId;
        public String paidBy;
        public List<String> log = new ArrayList<>();
    }

    /** One message received on the tap. */
    record Tapped(String routingKey, String messageId, String type, long sequence, String key, String body) {}

    final RabbitBroker.VirtualHost vhost;
    /** Opens the store of each engine the kit starts (the same database each time); null: a new in-memory store. */
    private final Supplier<WorkflowStore> stores;
    private WorkflowStore store;
    WorkflowRunner runner;
    final AmqpOptions options;
    AmqpModule module;
    final Connection connection;
    final Channel channel;
    final List<Tapped> tapped = Collections.synchronizedList(new ArrayList<>());

    AmqpTestKit(java.util.function.UnaryOperator<AmqpOptions.Builder> tuning) throws IOException, TimeoutException {
        this(null, tuning);
    }

    AmqpTestKit(Supplier<WorkflowStore> stores, java.util.function.UnaryOperator<AmqpOptions.Builder> tuning)
            throws IOException, TimeoutException {
        this.stores = stores;
        vhost = RabbitBroker.newVirtualHost();
        runner = newRunner();
        options = tuning.apply(AmqpOptions.builder(vhost.uri())
                .connectionName("reactory-it")
                .recoveryInterval(Duration.ofMillis(200))
                .retryBackoff(Duration.ofMillis(50), Duration.ofMillis(200))).build();
        ConnectionFactory factory = new ConnectionFactory();
        try {
            factory.setUri(vhost.uri());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(200);
        connection = factory.newConnection("test-client");
        channel = connection.createChannel();
        channel.confirmSelect();
        Channel tap = connection.createChannel();
        Topology.declare(tap, options); // what the adapter declares, so messages published before it starts are kept
        tap.queueDeclare(TAP, true, false, false, null);
        tap.queueBind(TAP, options.exchange(), "workflow.#");
        tap.queueBind(TAP, options.exchange(), "alert.#");
        tap.basicQos(500);
        tap.basicConsume(TAP, false, new DefaultConsumer(tap) {
            @Override
            public void handleDelivery(String tag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
                Map<String, Object> headers = props.getHeaders();
                tapped.add(new Tapped(envelope.getRoutingKey(), props.getMessageId(), props.getType(),
                        ((Number) headers.get(OutboxRelay.SEQUENCE)).longValue(),
                        headers.get(OutboxRelay.KEY) == null ? null : headers.get(OutboxRelay.KEY).toString(),
                        new String(body, StandardCharsets.UTF_8)));
                try {
                    getChannel().basicAck(envelope.getDeliveryTag(), false);
                } catch (IOException | RuntimeException e) {
                    // the connection is gone (simulated outage): the broker delivers the message again
                }
            }
        });
    }

    private WorkflowRunner newRunner() {
        WorkflowRunner.Builder builder = WorkflowRunner.builder()
                .options(RunnerOptions.defaults().withNodeId("amqp-it").withLifecycleOutbox(true));
        if (stores != null) {
            store = stores.get();
            builder.store(store);
        }
        WorkflowRunner started = builder.build();
        registerWorkflows(started);
        started.initialize();
        return started;
    }

    /**
     * Stops the adapter and the engine and starts a new engine on the store opened again, as a restarted process
     * would; {@link #start()} starts its adapter.
     */
    void restartEngine() {
        stopEngine();
        runner = newRunner();
    }

    private void stopEngine() {
        if (module != null) {
            module.close();
            module = null;
        }
        runner.close();
        if (store != null) {
            store.close();
            store = null;
        }
    }

    AmqpTestKit start() {
        module = AmqpModule.start(runner, options);
        if (!module.awaitConnected(Duration.ofSeconds(20))) {
            throw new IllegalStateException("the adapter did not connect: " + module.status());
        }
        return this;
    }

    static void registerWorkflows(WorkflowRunner runner) {
        definitions().forEach(runner::registerWorkflow);
    }

    static List<WorkflowDefinition> definitions() {
        return List.of(
                WorkflowDefinition.define("greet", "1", Greeting.class, b -> b
                        .startWith("hello", ctx -> {
                            ctx.data().log.add("hello " + ctx.data().name);
                            return ExecutionResult.next();
                        })
                        .then("bye", ctx -> {
                            ctx.data().log.add("bye");
                            return ExecutionResult.next();
                        })),
                WorkflowDefinition.define("pay", "1", Greeting.class, b -> b
                        .waitFor("payment-received", g -> g.orderId)
                            .output((g, event) -> g.paidBy = String.valueOf(event.as(Map.class).get("by")))
                        .then("ship", ctx -> ExecutionResult.next())),
                WorkflowDefinition.define("broken", "1", Greeting.class, b -> b
                        .startWith("explode", ctx -> ExecutionResult.failNonRetryable("boom"))),
                WorkflowDefinition.define("charge", "1", Greeting.class, b -> b
                        .startWith("call-payment-service", ctx -> {
                            throw new IllegalStateException("payment service unavailable");
                        })
                        .circuitBreaker("payment-service")
                        .retry(RetryOptions.builder().maximumAttempts(1).build())));
    }

    /** Publishes to a queue through the default exchange and waits for the broker's confirm. */
    void publish(String queue, String body, AMQP.BasicProperties props) throws Exception {
        channel.basicPublish("", queue, props, body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(10_000);
    }

    void trigger(String body) throws Exception {
        publish(options.triggerQueue(), body, json(UUID.randomUUID().toString()));
    }

    static AMQP.BasicProperties json(String messageId) {
        return new AMQP.BasicProperties.Builder().contentType("application/json").deliveryMode(2).messageId(messageId)
                .build();
    }

    /** Everything on a queue right now, acknowledged. */
    List<GetResponse> drain(String queue) throws Exception {
        try (Channel ch = connection.createChannel()) {
            List<GetResponse> all = new ArrayList<>();
            for (GetResponse r; (r = ch.basicGet(queue, true)) != null; ) {
                all.add(r);
            }
            return all;
        }
    }

    long messageCount(String queue) throws Exception {
        try (Channel ch = connection.createChannel()) {
            return ch.queueDeclarePassive(queue).getMessageCount();
        }
    }

    List<InstanceInfo> byReference(String reference) {
        return runner.findInstances(new InstanceQuery(Set.of(), null, reference, null, null, null, 0, 100));
    }

    List<InstanceInfo> all() {
        return runner.findInstances(InstanceQuery.all(10_000));
    }

    List<Tapped> tapped() {
        synchronized (tapped) {
            return List.copyOf(tapped);
        }
    }

    @Override
    public void close() {
        try {
            stopEngine();
            try {
                connection.close(5_000);
            } catch (Exception ignored) {
                // the virtual host goes away next anyway
            }
        } finally {
            vhost.close();
        }
    }
}
