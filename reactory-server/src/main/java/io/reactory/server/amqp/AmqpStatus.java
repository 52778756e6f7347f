package io.reactory.server.amqp;

/**
 * What the AMQP adapter has done since it started, for health checks and metrics.
 *
 * @param connected       both connections (consume, publish) are open
 * @param started         start requests handled (a redelivered message that finds its instance counts again)
 * @param eventsDelivered event messages handed to the runner
 * @param deadLettered    messages moved to a dead-letter queue
 * @param redeliveries    deliveries handed back after a transient failure
 * @param published       outbox messages (lifecycle events, alerts) confirmed by the broker
 * @param outboxPending   outbox messages waiting to be sent; -1 when lifecycle publishing is off
 * @param lastError       the latest connection or relay problem, or null
 */
public record AmqpStatus(boolean connected, long started, long eventsDelivered, long deadLettered, long redeliveries,
                         long published, long outboxPending, String lastError) {}
