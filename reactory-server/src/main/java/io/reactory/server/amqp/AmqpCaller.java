package io.reactory.server.amqp;

/**
 * On whose behalf the adapter acts while it handles one message.
 *
 * @param principal the configured {@link AmqpOptions#principal()}
 * @param queue     the queue the message came from
 * @param messageId the message's AMQP message id, or null
 */
public record AmqpCaller(String principal, String queue, String messageId) {}
