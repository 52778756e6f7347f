package io.reactory.workflow.metrics;

/**
 * Receives the workflow alerts (after they are logged and counted): a publisher to the lifecycle event stream, a
 * pager, a test. Called on the engine thread that raised it: keep it quick and never throw (an exception is logged).
 */
@FunctionalInterface
public interface AlertListener {
    void alert(WorkflowAlert alert);
}
