/** Helpers shared by the engine's packages; not API. */
package io.reactory.workflow.internal;
