package io.reactory.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's wiring from a configuration file: credentials from the environment, the principal bound per start. */
class AmqpConfigIT {

    @Test
    void a_configured_adapter_starts_workflows_as_its_principal_and_publishes_their_events(@TempDir Path dir)
            throws Exception {
        try (RabbitBroker.VirtualHost vhost = RabbitBroker.newVirtualHost()) {
            Path config = Files.writeString(dir.resolve("reactory.yml"), """
                    amqp:
                      uri: amqp://127.0.0.1:5672/%s
                      usernameEnv: TEST_MQ_USER
                      passwordEnv: TEST_MQ_PASSWORD
                      principal: order-listener
                      prefetch: 8
                      triggerQueue: orders.start
                      exchange: orders.events
                    """.formatted(vhost.name));
            List<AmqpCaller> callers = new ArrayList<>();
            CallerBinding binding = new CallerBinding() {
                @Override
                public <T> T callAs(AmqpCaller caller, Supplier<T> action) {
                    callers.add(caller);
                    return action.get();
                }
            };
            try (AmqpWiring.Wired wired = AmqpWiring.wire(config,
                    Map.of("TEST_MQ_USER", "guest", "TEST_MQ_PASSWORD", "guest"), new InMemoryWorkflowStore(), AmqpTestKit.definitions(), binding);
                 Connection connection = connect(vhost)) {
                assertThat(wired.amqp().awaitConnected(Duration.ofSeconds(20))).isTrue();
                Channel channel = connection.createChannel();
                String tap = channel.queueDeclare().getQueue();
                channel.queueBind(tap, "orders.events", "workflow.completed.#");
                channel.confirmSelect();
                channel.basicPublish("", "orders.start", new AMQP.BasicProperties.Builder().messageId("m-1").build(),
                        "{\"workflowId\":\"greet\",\"reference\":\"cfg-1\"}".getBytes(StandardCharsets.UTF_8));
                channel.waitForConfirmsOrDie(10_000);

                await().atMost(Duration.ofSeconds(30)).until(() -> channel.messageCount(tap) == 1);
                var instances = wired.runner().findInstances(InstanceQuery.all(10));
                assertThat(instances).singleElement().satisfies(i -> {
                    assertThat(i.status()).isEqualTo(WorkflowStatus.COMPLETED);
                    assertThat(i.metadata()).containsEntry("reactory.principal", "order-listener");
                });
                assertThat(callers).singleElement().isEqualTo(new AmqpCaller("order-listener", "orders.start", "m-1",
                        "workflow.start", "workflow/greet"));
            }
        }
    }

    private static Connection connect(RabbitBroker.VirtualHost vhost) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(vhost.uri());
        return factory.newConnection("test-client");
    }
}
