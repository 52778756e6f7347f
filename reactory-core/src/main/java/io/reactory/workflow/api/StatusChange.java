package io.reactory.workflow.api;

import java.time.Instant;

/**
 * A committed lifecycle transition of an instance, as listeners receive it.
 *
 * @param from the previous status, or null when the instance was created
 */
public record StatusChange(String instanceId, String workflowId, String version, String namespace, WorkflowStatus from,
                           WorkflowStatus to, Instant at, Instant startedAt, String failureReason) {}
