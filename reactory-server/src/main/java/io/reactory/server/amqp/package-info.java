/**
 * The event-driven side of the server over AMQP 0-9-1 (RabbitMQ): start requests consumed from
 * {@code workflow.trigger}, events for waiting workflows from {@code workflow.event}, refused messages moved to
 * dead-letter queues with the reason in a header, and lifecycle events and alerts published to the
 * {@code reactory.events} topic exchange from the store's transactional outbox. Entry points: {@link
 * io.reactory.server.amqp.AmqpModule}, {@link io.reactory.server.amqp.AmqpOptions}, {@link
 * io.reactory.server.amqp.AmqpConfig}. The engine ({@code reactory-core}) never sees the AMQP client.
 */
package io.reactory.server.amqp;
