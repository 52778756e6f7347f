package io.reactory.workflow.execution;

import io.reactory.workflow.api.ExecutionResult;
import java.time.Duration;

/**
 * What running one task body produced: a result or an error, and how long it took.
 *
 * @param stepInstance the step object that ran (for output mappings), or null when it could not be created
 */
record TaskOutcome(Object stepInstance, ExecutionResult result, Throwable error, Duration took) {}
