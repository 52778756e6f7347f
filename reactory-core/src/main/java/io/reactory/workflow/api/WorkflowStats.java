package io.reactory.workflow.api;

import java.util.Map;

/**
 * Engine-wide figures (the specification's {@code getWorkflowStats}).
 *
 * @param instancesByStatus instances in the store per status
 * @param started           instances started through this runner since it was created
 * @param completed         instances this runner saw complete
 * @param failed            instances this runner saw fail
 * @param cancelled         instances this runner saw cancelled
 * @param stepsExecuted     step activations this runner ran
 * @param inFlight          instances this runner holds right now
 * @param definitions       registered (workflow id, version) pairs
 */
public record WorkflowStats(Map<WorkflowStatus, Long> instancesByStatus, long started, long completed, long failed,
                            long cancelled, long stepsExecuted, int inFlight, int definitions) {}
