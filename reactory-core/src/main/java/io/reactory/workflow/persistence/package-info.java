/**
 * The store SPI, one interface per aggregate (instances with their pointers, leases and signals; events; the
 * ErrorHandler's error records; schedules with their fire records; the transactional outbox of lifecycle events and
 * alerts; the audit log with security events; API keys), composed by
 * {@link io.reactory.workflow.persistence.WorkflowStore}. Every store passes the same contract tests.
 */
package io.reactory.workflow.persistence;
