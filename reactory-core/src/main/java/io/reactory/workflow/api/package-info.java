/**
 * What users import: {@link io.reactory.workflow.api.WorkflowRunner} (the specification's central orchestrator),
 * {@link io.reactory.workflow.api.Workflow}, {@link io.reactory.workflow.api.StepBody},
 * {@link io.reactory.workflow.api.ExecutionResult}, the lifecycle states and the option records.
 */
package io.reactory.workflow.api;
