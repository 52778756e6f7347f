/**
 * The store SPI, one interface per aggregate (instances with their pointers, leases and signals; events; schedules
 * with their fire records), composed by {@link io.reactory.workflow.persistence.WorkflowStore}. Every store passes
 * the same contract tests.
 */
package io.reactory.workflow.persistence;
