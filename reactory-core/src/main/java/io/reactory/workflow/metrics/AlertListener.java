package io.reactory.workflow.metrics;

/**
 * Receives the workflow alerts (after they are logged and counted): a publisher to the lifecycle event stream, a
 * pager, a test. Called on the engine thread that raised it: keep it quick and never throw (an exception is logged).
 */
@FunctionalInterface
public interface AlertListener {
    void alert(WorkflowAlert alert);

    /**
     * A listener handing each alert to {@code publisher} (the AMQP adapter's outbox: the alert reaches the lifecycle
     * event stream as {@code alert.workflow.<name>.<workflowId>}, e.g. {@code alert.workflow.high-error-rate.orders}).
     */
    static AlertListener publishTo(io.reactory.workflow.notification.AlertPublisher publisher) {
        java.util.Objects.requireNonNull(publisher, "publisher");
        return alert -> publisher.publish(alert.toNotification());
    }
}
