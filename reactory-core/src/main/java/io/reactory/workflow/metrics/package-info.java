/**
 * Metrics and alerts (the specification's "Monitoring and Observability"): every meter is defined once in
 * {@link io.reactory.workflow.metrics.ReactoryMetrics}; {@link io.reactory.workflow.metrics.WorkflowMetrics} binds
 * them to a Micrometer registry and feeds them from the runner, the ErrorHandler, the store, the configuration
 * manager, the security manager, the Scheduler and the LifecycleManager, and raises the alerts workflow
 * configurations ask for. Micrometer's API only: the exposition format (Prometheus) is the server's concern.
 */
package io.reactory.workflow.metrics;
