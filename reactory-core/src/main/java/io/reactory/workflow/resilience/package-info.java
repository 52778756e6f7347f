/** The ErrorHandler's building blocks: retry options with back-off, failure behaviours (later circuit breakers). */
package io.reactory.workflow.resilience;
