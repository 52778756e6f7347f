/** The specification's lifecycle state machine and (later) the LifecycleManager: dependencies, limits, cleanup. */
package io.reactory.workflow.lifecycle;
