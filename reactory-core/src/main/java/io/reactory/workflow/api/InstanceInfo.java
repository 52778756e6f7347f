package io.reactory.workflow.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A read-only snapshot of an instance.
 *
 * @param data          the workflow data (decoded from JSON as maps and lists when read from a durable store)
 * @param failureReason why it failed ({@code STEP_FAILED}, {@code TIMEOUT}, {@code COMPENSATED}...), or null
 * @param failedStep    the step that failed, or null
 * @param failureMessage the error message of the failure, or null
 */
public record InstanceInfo(String instanceId, String workflowId, String version, WorkflowStatus status, Object data,
                           String reference, String namespace, Priority priority, Map<String, String> metadata,
                           Instant createdAt, Instant startedAt, Instant completedAt, Instant nextExecution,
                           String failureReason, String failedStep, String failureMessage, List<StepInfo> steps) {}
