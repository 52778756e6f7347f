package io.reactory.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.reactory.server.amqp.RabbitBroker;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.AuditEntry;
import io.reactory.workflow.persistence.AuditQuery;
import io.reactory.workflow.persistence.AuditRecord;
import io.reactory.workflow.persistence.InstanceQuery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code reactory serve} with an {@code amqp:} section: start requests are checked as the configured principal and
 * audited, and lifecycle events reach the exchange.
 */
class ServeAmqpIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private ServeCommand.Running serve(Path dir, RabbitBroker.VirtualHost vhost, String roles) throws Exception {
        Files.writeString(dir.resolve("server.yml"), """
                server:
                  port: 0
                amqp:
                  uri: amqp://127.0.0.1:5672/%s
                  principal: shop-listener
                  principalRoles: [%s]
                  recoveryInterval: PT0.2S
                """.formatted(vhost.name, roles));
        ServerSettings settings = ServerSettings.resolve(new ServerSettings.Flags(null, null, null, dir.resolve("data"), null,
                dir.resolve("server.yml"), null), Map.of("REACTORY_AMQP_USERNAME", "guest",
                "REACTORY_AMQP_PASSWORD", "guest"));
        assertThat(settings.amqp().principalRoles()).containsExactly(roles);
        ServeCommand.Running running = ServeCommand.start(settings, true, new PrintWriter(new StringWriter()));
        assertThat(running.amqp().awaitConnected(WAIT)).isTrue();
        return running;
    }

    private static Connection connect(RabbitBroker.VirtualHost vhost) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(vhost.uri());
        return factory.newConnection("test-client");
    }

    private static void trigger(Channel channel, String body) throws Exception {
        channel.basicPublish("", "workflow.trigger", new AMQP.BasicProperties.Builder().messageId("m-1")
                .contentType("application/json").build(), body.getBytes(StandardCharsets.UTF_8));
        channel.waitForConfirmsOrDie(10_000);
    }

    private static List<AuditEntry> audit(ServeCommand.Running running) {
        return running.store().audit().find(new AuditQuery(null, "workflow.start", null, null, null, null, null, 0, 10));
    }

    @Test
    void a_start_request_runs_as_the_configured_principal_is_audited_and_announces_its_events(@TempDir Path dir)
            throws Exception {
        try (RabbitBroker.VirtualHost vhost = RabbitBroker.newVirtualHost();
             ServeCommand.Running running = serve(dir, vhost, "operator");
             Connection connection = connect(vhost)) {
            Channel channel = connection.createChannel();
            String tap = channel.queueDeclare().getQueue();
            channel.queueBind(tap, "reactory.events", "workflow.completed.simple-workflow");
            channel.confirmSelect();

            trigger(channel, "{\"workflowId\":\"simple-workflow\",\"reference\":\"amqp-1\"}");

            await().atMost(WAIT).until(() -> channel.messageCount(tap) == 1);
            List<InstanceInfo> started = running.runner().findInstances(InstanceQuery.all(10));
            assertThat(started).singleElement().satisfies(i -> {
                assertThat(i.status()).isEqualTo(WorkflowStatus.COMPLETED);
                assertThat(i.namespace()).isEqualTo("default");
                assertThat(i.metadata()).containsEntry("reactory.principal", "shop-listener");
            });
            await().atMost(WAIT).until(() -> !audit(running).isEmpty());
            AuditRecord record = audit(running).get(0).record();
            assertThat(record.actor()).isEqualTo("shop-listener");
            assertThat(record.target()).isEqualTo("workflow/simple-workflow");
            assertThat(record.outcome()).isEqualTo(AuditRecord.Outcome.SUCCESS);
            assertThat(record.requestId()).isEqualTo("m-1");
        }
    }

    @Test
    void a_principal_without_the_start_permission_has_its_requests_dead_lettered_as_refused(@TempDir Path dir)
            throws Exception {
        try (RabbitBroker.VirtualHost vhost = RabbitBroker.newVirtualHost();
             ServeCommand.Running running = serve(dir, vhost, "viewer");
             Connection connection = connect(vhost)) {
            Channel channel = connection.createChannel();
            channel.confirmSelect();

            trigger(channel, "{\"workflowId\":\"simple-workflow\"}");

            GetResponse[] letter = new GetResponse[1];
            await().atMost(WAIT).until(() -> (letter[0] = channel.basicGet("workflow.trigger.dead-letter", true)) != null);
            assertThat(letter[0].getProps().getHeaders().get("x-reactory-reason")).hasToString("refused");
            assertThat(letter[0].getProps().getHeaders().get("x-reactory-error").toString())
                    .contains("'shop-listener' may not start");
            assertThat(running.runner().findInstances(InstanceQuery.all(10))).isEmpty();
            await().atMost(WAIT).until(() -> !audit(running).isEmpty());
            assertThat(audit(running).get(0).record().outcome()).isEqualTo(AuditRecord.Outcome.DENIED);
        }
    }

    @Test
    void a_scheduled_run_that_fails_sends_a_scheduler_alert_to_the_exchange(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("definitions"));
        Files.createDirectories(dir.resolve("workflows"));
        Files.createDirectories(dir.resolve("schedules"));
        Files.writeString(dir.resolve("definitions/gated.yml"), """
                id: gated
                version: "1"
                steps:
                  - step: validate-records
                """);
        // every start is refused (disabled), so every run fails after its one attempt
        Files.writeString(dir.resolve("workflows/gated.yml"), "id: gated\nenabled: false\n");
        Files.writeString(dir.resolve("schedules/tick.yml"), """
                id: tick
                workflow: { id: gated }
                schedule: { cron: "* * * * * *", timezone: UTC }
                """);
        try (RabbitBroker.VirtualHost vhost = RabbitBroker.newVirtualHost()) {
            Files.writeString(dir.resolve("server.yml"), """
                    server:
                      port: 0
                    amqp:
                      uri: amqp://127.0.0.1:5672/%s
                      recoveryInterval: PT0.2S
                    """.formatted(vhost.name));
            ServerSettings settings = ServerSettings.resolve(new ServerSettings.Flags(dir, null, null, dir.resolve("data"), null, null,
                    null), Map.of("REACTORY_AMQP_USERNAME", "guest", "REACTORY_AMQP_PASSWORD", "guest"));
            try (ServeCommand.Running running = ServeCommand.start(settings, true, new PrintWriter(new StringWriter()));
                 Connection connection = connect(vhost)) {
                assertThat(running.amqp().awaitConnected(WAIT)).isTrue();
                Channel channel = connection.createChannel();
                String tap = channel.queueDeclare().getQueue();
                channel.queueBind(tap, "reactory.events", "alert.scheduler.#");

                GetResponse[] alert = new GetResponse[1];
                await().atMost(WAIT).until(() -> (alert[0] = channel.basicGet(tap, true)) != null);
                assertThat(alert[0].getEnvelope().getRoutingKey()).isEqualTo("alert.scheduler.run-failed.tick");
                String body = new String(alert[0].getBody(), StandardCharsets.UTF_8);
                assertThat(body).contains("\"source\":\"scheduler\"").contains("\"severity\":\"WARNING\"")
                        .contains("WorkflowDisabledException");
            }
        }
    }
}
