/**
 * The specification's lifecycle: the state machine every status change goes through ({@link
 * io.reactory.workflow.lifecycle.LifecycleTransitions}) and the LifecycleManager ({@link
 * io.reactory.workflow.lifecycle.WorkflowLifecycleManager}): dependencies between instances, concurrency limits with
 * aged priorities, resource limits, and cleanup of finished instances with retention.
 *
 * <p>The manager reaches into the engine only through {@link io.reactory.workflow.execution.LifecycleHooks} (a gate
 * before a PENDING instance starts, the limits checked after each round) and committed status changes; its state is
 * in the store ({@link io.reactory.workflow.persistence.LifecycleStore}), so every node sharing a store agrees.
 */
package io.reactory.workflow.lifecycle;
