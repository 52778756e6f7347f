package io.reactory.server.amqp;

/**
 * On whose behalf the adapter acts while it handles one message, and what it does.
 *
 * @param principal the configured {@link AmqpOptions#principal()}
 * @param queue     the queue the message came from
 * @param messageId the message's AMQP message id, or null
 * @param action    {@code workflow.start} or {@code event.publish} (the audit log's action names)
 * @param target    {@code workflow/<id>} or {@code event/<name>}
 */
public record AmqpCaller(String principal, String queue, String messageId, String action, String target) {
    static final String START = "workflow.start";
    static final String PUBLISH_EVENT = "event.publish";
}
