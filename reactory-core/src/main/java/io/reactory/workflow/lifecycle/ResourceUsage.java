package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.WorkflowStatus;
import java.time.Duration;

/**
 * What one instance has used so far ({@link WorkflowLifecycleManager#checkResourceUsage}).
 *
 * @param wallTime      start → finish (or now, while it runs); zero before it started
 * @param stepTime      time spent running step bodies, summed over step activations
 * @param stepsExecuted step activations run (failed attempts count)
 * @param retries       failed attempts that were retried
 * @param dataSize      bytes of its data as JSON
 * @param limits        the resource limits in force for its workflow
 * @param exceeded      which limit it exceeds and by how much, or null
 */
public record ResourceUsage(String instanceId, String workflowId, WorkflowStatus status, Duration wallTime,
                            Duration stepTime, long stepsExecuted, long retries, long dataSize, ResourceLimits limits,
                            String exceeded) {}
