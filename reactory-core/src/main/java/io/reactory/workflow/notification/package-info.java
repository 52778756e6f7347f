/**
 * System events for other systems (the specification's "System Events" feeding alerting): lifecycle events of
 * instances and alerts of the scheduler and circuit breakers. They are written to the store's transactional outbox
 * ({@link io.reactory.workflow.persistence.OutboxStore}) with the change they describe and sent by an adapter (the
 * server's AMQP relay); this package decides what they say and where they are routed, never how they travel.
 */
package io.reactory.workflow.notification;
