package io.reactory.server.amqp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.GetResponse;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.WorkflowDisabledException;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.notification.Alert;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against the local RabbitMQ, each test on a virtual host of its own. */
class AmqpTriggerIT {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private AmqpTestKit kit;

    @BeforeEach
    void start() throws Exception {
        kit = new AmqpTestKit(b -> b.prefetch(32));
        kit.runner.addStartInterceptor(request -> {
            if (request.definition().id().equals("greet") && request.data() instanceof Map<?, ?> data
                    && "disabled".equals(data.get("name"))) {
                throw new WorkflowDisabledException("greet"); // what the configuration's interceptor throws
            }
            return request;
        });
        kit.start();
    }

    @AfterEach
    void stop() {
        if (kit != null) {
            kit.close();
        }
    }

    private InstanceInfo awaitOne(String reference, WorkflowStatus status) {
        await().atMost(WAIT).until(() -> kit.byReference(reference).stream().anyMatch(i -> i.status() == status));
        List<InstanceInfo> found = kit.byReference(reference);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    @Test
    void a_trigger_message_starts_a_workflow_that_completes() throws Exception {
        kit.trigger("""
                {"workflowId":"greet","version":"1","data":{"name":"Ada"},"reference":"R-1","priority":"high"}""");

        InstanceInfo done = awaitOne("R-1", WorkflowStatus.COMPLETED);

        assertThat(Json.convert(done.data(), AmqpTestKit.Greeting.class).log).containsExactly("hello Ada", "bye");
        assertThat(done.metadata()).containsEntry("reactory.source", "amqp").containsEntry("reactory.principal", "amqp");
        await().atMost(WAIT).until(() -> kit.module.status().started() == 1);
        assertThat(kit.messageCount("workflow.trigger")).isZero();
    }

    @Test
    void duplicate_deliveries_start_one_instance() throws Exception {
        // the same message delivered twice (same message id), and the same request sent twice with one key
        String body = "{\"workflowId\":\"greet\",\"reference\":\"dup-1\"}";
        kit.publish("workflow.trigger", body, AmqpTestKit.json("message-1"));
        kit.publish("workflow.trigger", body, AmqpTestKit.json("message-1"));
        String keyed = "{\"workflowId\":\"greet\",\"reference\":\"dup-2\",\"idempotencyKey\":\"order-2\"}";
        kit.publish("workflow.trigger", keyed, AmqpTestKit.json("message-2"));
        kit.publish("workflow.trigger", keyed, AmqpTestKit.json("message-3"));

        await().atMost(WAIT).until(() -> kit.module.status().started() == 4);

        assertThat(kit.byReference("dup-1")).hasSize(1);
        assertThat(kit.byReference("dup-2")).hasSize(1);
        assertThat(kit.runner.getWorkflowStats().started()).isEqualTo(2);
    }

    @Test
    void poison_messages_go_to_the_dead_letter_queue_with_the_reason_in_a_header() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("bad-json", "malformed-json");
        expected.put("unknown-workflow", "unknown-workflow");
        expected.put("invalid-data", "invalid-data");
        expected.put("disabled", "workflow-disabled");
        expected.put("unknown-field", "invalid-message");
        expected.put("xml", "unsupported-content-type");
        Map<String, String> bodies = new HashMap<>();
        bodies.put("bad-json", "{\"workflowId\": \"greet\", ");
        bodies.put("unknown-workflow", "{\"workflowId\":\"no-such-workflow\"}");
        bodies.put("invalid-data", "{\"workflowId\":\"greet\",\"data\":{\"log\":\"not a list\"}}");
        bodies.put("disabled", "{\"workflowId\":\"greet\",\"data\":{\"name\":\"disabled\"}}");
        bodies.put("unknown-field", "{\"workflowId\":\"greet\",\"wrkflowData\":{}}");
        bodies.put("xml", "<start workflow='greet'/>");
        for (String id : expected.keySet()) {
            AMQP.BasicProperties props = id.equals("xml")
                    ? new AMQP.BasicProperties.Builder().contentType("application/xml").messageId(id)
                            .headers(Map.of("x-origin", "shop")).build()
                    : AmqpTestKit.json(id);
            kit.publish("workflow.trigger", bodies.get(id), props);
        }

        List<GetResponse> letters = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            letters.addAll(kit.drain("workflow.trigger.dead-letter"));
            return letters.size() >= expected.size();
        });

        assertThat(letters).hasSize(expected.size());
        for (GetResponse letter : letters) {
            String id = letter.getProps().getMessageId();
            Map<String, Object> headers = letter.getProps().getHeaders();
            assertThat(headers.get(DeadLetters.REASON)).as(id).hasToString(expected.get(id));
            assertThat(headers.get(DeadLetters.ERROR).toString()).as(id).isNotBlank();
            assertThat(headers.get(DeadLetters.QUEUE)).hasToString("workflow.trigger");
            assertThat(new String(letter.getBody(), StandardCharsets.UTF_8)).as(id).isEqualTo(bodies.get(id));
            assertThat(letter.getProps().getDeliveryMode()).isEqualTo(2);
        }
        GetResponse xml = letters.stream().filter(l -> l.getProps().getMessageId().equals("xml")).findFirst().orElseThrow();
        assertThat(xml.getProps().getHeaders()).containsKey("x-origin");
        assertThat(xml.getProps().getContentType()).isEqualTo("application/xml");
        assertThat(kit.runner.getWorkflowStats().started()).isZero();
        await().atMost(WAIT).until(() -> kit.messageCount("workflow.trigger") == 0 && kit.module.status().deadLettered() == 6);
    }

    @Test
    void an_event_message_resumes_a_waiting_workflow() throws Exception {
        kit.trigger("{\"workflowId\":\"pay\",\"reference\":\"order-17\",\"data\":{\"orderId\":\"A-17\"}}");
        InstanceInfo waiting = awaitOne("order-17", WorkflowStatus.RUNNING);
        await().atMost(WAIT).until(() -> kit.runner.getInstance(waiting.instanceId()).steps().stream()
                .anyMatch(s -> s.waitingForEvent() != null));

        kit.publish("workflow.event", "{\"eventName\":\"payment-received\",\"eventKey\":\"A-17\",\"data\":{\"by\":\"card\"}}",
                AmqpTestKit.json("event-1"));
        kit.publish("workflow.event", "{\"eventName\":\"payment-received\"}", AmqpTestKit.json("event-2"));

        InstanceInfo done = awaitOne("order-17", WorkflowStatus.COMPLETED);
        assertThat(Json.convert(done.data(), AmqpTestKit.Greeting.class).paidBy).isEqualTo("card");
        List<GetResponse> letters = new ArrayList<>();
        await().atMost(WAIT).until(() -> {
            letters.addAll(kit.drain("workflow.event.dead-letter"));
            return !letters.isEmpty();
        });
        assertThat(letters.get(0).getProps().getHeaders().get(DeadLetters.REASON)).hasToString("invalid-message");
        assertThat(kit.module.status().eventsDelivered()).isEqualTo(1);
    }

    @Test
    void lifecycle_events_arrive_in_order_per_instance() throws Exception {
        int n = 40;
        for (int i = 0; i < n; i++) {
            String workflow = i % 10 == 0 ? "broken" : "greet";
            kit.trigger("{\"workflowId\":\"" + workflow + "\",\"reference\":\"order-" + i + "\",\"data\":{\"name\":\"n" + i
                    + "\"}}");
        }
        await().atMost(WAIT).until(() -> kit.tapped().size() >= n * 3);

        List<AmqpTestKit.Tapped> tapped = kit.tapped();
        assertThat(tapped).hasSize(n * 3);
        Map<String, List<AmqpTestKit.Tapped>> byInstance = tapped.stream()
                .collect(Collectors.groupingBy(AmqpTestKit.Tapped::key, LinkedHashMap::new, Collectors.toList()));
        assertThat(byInstance).hasSize(n);
        for (Map.Entry<String, List<AmqpTestKit.Tapped>> e : byInstance.entrySet()) {
            List<AmqpTestKit.Tapped> events = e.getValue();
            String workflow = events.get(0).routingKey().substring(events.get(0).routingKey().lastIndexOf('.') + 1);
            String last = workflow.equals("broken") ? "failed" : "completed";
            assertThat(events).extracting(AmqpTestKit.Tapped::routingKey).as(e.getKey()).containsExactly(
                    "workflow.created." + workflow, "workflow.started." + workflow, "workflow." + last + "." + workflow);
            assertThat(events).extracting(AmqpTestKit.Tapped::sequence).isSorted();
            JsonNode body = Json.mapper().readTree(events.get(2).body());
            assertThat(body.get("instanceId").asText()).isEqualTo(e.getKey());
            assertThat(body.get("type").asText()).isEqualTo(events.get(2).type());
            assertThat(body.get("to").asText()).isEqualTo(last.toUpperCase());
        }
        assertThat(tapped).extracting(AmqpTestKit.Tapped::messageId).doesNotHaveDuplicates();
        await().atMost(WAIT).until(() -> kit.module.status().outboxPending() == 0);
    }

    @Test
    void a_circuit_breaker_opening_is_published_as_an_alert() throws Exception {
        for (int i = 0; i < 5; i++) { // five failures in a row open the breaker (CircuitBreakerOptions.DEFAULT)
            kit.trigger("{\"workflowId\":\"charge\",\"reference\":\"charge-" + i + "\"}");
        }

        await().atMost(WAIT).until(() -> kit.tapped().stream()
                .anyMatch(t -> t.routingKey().equals("alert.circuit-breaker.open.payment-service")));

        AmqpTestKit.Tapped alert = kit.tapped().stream()
                .filter(t -> t.routingKey().equals("alert.circuit-breaker.open.payment-service")).findFirst().orElseThrow();
        JsonNode body = Json.mapper().readTree(alert.body());
        assertThat(body.get("severity").asText()).isEqualTo("WARNING");
        assertThat(body.get("details").get("from").asText()).isEqualTo("CLOSED");
        assertThat(body.get("details").get("to").asText()).isEqualTo("OPEN");
        assertThat(alert.key()).isNull();
    }

    @Test
    void alerts_reach_the_exchange_through_the_outbox() throws Exception {
        kit.module.alerts().publish(Alert.of("circuit-breaker", "open", "payment-service", Alert.Severity.WARNING,
                "circuit breaker opened after 5 failures", Map.of("from", "CLOSED", "to", "OPEN"),
                kit.runner.clock().instant()));

        await().atMost(WAIT).until(() -> kit.tapped().stream().anyMatch(t -> t.routingKey().startsWith("alert.")));

        AmqpTestKit.Tapped alert = kit.tapped().stream().filter(t -> t.routingKey().startsWith("alert.")).findFirst()
                .orElseThrow();
        assertThat(alert.routingKey()).isEqualTo("alert.circuit-breaker.open.payment-service");
        assertThat(alert.type()).isEqualTo("alert.circuit-breaker.open");
        assertThat(Json.mapper().readTree(alert.body()).get("severity").asText()).isEqualTo("WARNING");
        assertThat(alert.key()).isNull();
    }
}
