package io.reactory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderWorkflowTest {
    // tag::testkit[]
    @Test
    void ships_an_hour_after_payment() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            env.runner().registerWorkflow(QuickStart.orderDefinition());
            QuickStart.Order order = new QuickStart.Order();
            order.orderId = "A-17";
            String id = env.runner().startWorkflow("order", null, order);

            env.runUntilIdle();                                   // runs what is due now, on this thread
            env.runner().publishEvent("payment-received", "A-17", Map.of("by", "card"));
            env.runUntilIdle();
            assertThat(env.runner().getWorkflowStatus(id)).isEqualTo(WorkflowStatus.RUNNING);

            env.advance(Duration.ofHours(1));                     // no real waiting
            InstanceInfo done = env.runner().getInstance(id);
            assertThat(done.status()).isEqualTo(WorkflowStatus.COMPLETED);
            assertThat(Json.convert(done.data(), QuickStart.Order.class).shipped).isTrue();
        }
    }
    // end::testkit[]

    @Test
    void the_quick_start_starts_a_high_priority_order_that_waits_for_its_delivery_hour() {
        InstanceInfo order = QuickStart.run();

        assertThat(order.workflowId()).isEqualTo("order");
        assertThat(order.version()).isEqualTo("1");
        assertThat(order.reference()).isEqualTo("A-17");
        assertThat(order.priority()).isEqualTo(Priority.HIGH);
        assertThat(Json.convert(order.data(), QuickStart.Order.class).orderId).isEqualTo("A-17");
        // steps run on the engine's threads meanwhile; whatever they reached, the order cannot have shipped (an
        // hour's delay) nor failed, and the pause was undone by the resume or is about to be
        assertThat(order.status()).isIn(WorkflowStatus.PENDING, WorkflowStatus.RUNNING, WorkflowStatus.PAUSED);
        assertThat(Json.convert(order.data(), QuickStart.Order.class).shipped).isFalse();
    }
}
