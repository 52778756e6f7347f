package io.reactory.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.InstanceInfo;
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
    void the_quick_start_main_runs() {
        QuickStart.main(new String[0]);
    }
}
