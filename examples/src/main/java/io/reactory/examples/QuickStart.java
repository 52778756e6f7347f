package io.reactory.examples;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.Priority;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.WorkflowStores;
import io.reactory.workflow.resilience.RetryOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** The README's usage examples, compiled with the build so they cannot rot. */
public final class QuickStart {
    private QuickStart() {}

    /** Data of the order example. */
    public static class Order {
        public String orderId;
        public String paidBy;
        public boolean shipped;
    }

    static WorkflowDefinition orderDefinition() {
        // tag::order[]
        return WorkflowDefinition.define("order", "1", Order.class, b -> b
                .startWith("reserve-stock", ctx -> ExecutionResult.next())
                    .retry(RetryOptions.builder().initialInterval(Duration.ofSeconds(2)).maximumAttempts(5).build())
                .waitFor("payment-received", order -> order.orderId)
                    .output((order, event) -> order.paidBy = event.as(Map.class).get("by").toString())
                .delay(Duration.ofHours(1))
                .then("ship", ctx -> {
                    ctx.data().shipped = true;
                    return ExecutionResult.next();
                }));
        // end::order[]
    }

    public static void main(String[] args) {
        run();
    }

    /**
     * What {@link #main} does: starts an order, pays it, pauses and resumes it.
     *
     * @return the order instance as it was when the runner closed (still waiting: its last step is an hour away)
     */
    static InstanceInfo run() {
        // tag::runner[]
        try (WorkflowRunner runner = WorkflowRunner.builder().build()) { // in-memory store unless one is given
            runner.registerWorkflow(orderDefinition());
            runner.registerWorkflow(new Examples.SimpleWorkflow());
            runner.initialize();

            Order order = new Order();
            order.orderId = "A-17";
            String id = runner.startWorkflow("order", "1", order,
                    StartOptions.DEFAULT.withPriority(Priority.HIGH).withReference("A-17"));
            runner.publishEvent("payment-received", "A-17", Map.of("by", "card"));

            runner.pauseWorkflow(id);   // takes effect between steps
            runner.resumeWorkflow(id);  // continues where it stopped
            WorkflowStatus status = runner.getWorkflowStatus(id);
            InstanceInfo info = runner.getInstance(id); // data, steps, attempts, errors
            System.out.println(status + " " + info.steps().size() + " steps so far");
            return info;
        }
        // end::runner[]
    }

    /**
     * The order example on the embedded SQLite store in {@code folder}: the instance outlives the runner, and a
     * runner opened later on the same file finds it.
     *
     * @return the id of the order instance
     */
    static String runDurably(Path folder) {
        // tag::durable[]
        try (WorkflowStore store = WorkflowStores.sqlite(folder.resolve("reactory.db"));
             WorkflowRunner runner = WorkflowRunner.builder().store(store).build()) {
            runner.registerWorkflow(orderDefinition());
            runner.initialize();
            Order order = new Order();
            order.orderId = "A-18";
            return runner.startWorkflow("order", "1", order); // committed to the file before it returns
        }
        // end::durable[]
    }
}
