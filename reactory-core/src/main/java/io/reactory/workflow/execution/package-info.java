/**
 * The engine (the specification's WorkflowHost): claims due instances in batches, runs one round of steps per
 * instance on virtual threads, and commits rounds in batches under lease fencing. Not API, except through
 * {@link io.reactory.workflow.api.WorkflowRunner}.
 */
package io.reactory.workflow.execution;
