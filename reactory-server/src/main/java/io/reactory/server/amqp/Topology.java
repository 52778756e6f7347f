package io.reactory.server.amqp;

import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import java.io.IOException;

/**
 * The queues, exchange and binding the adapter uses. Declared durable (idempotent) when {@link
 * AmqpOptions#declareTopology()}, else only checked to exist. Declarations made on an auto-recovering connection
 * are recorded by the client and made again after it reconnects (topology recovery), so a broker that lost them
 * gets them back.
 */
final class Topology {
    private Topology() {}

    /**
     * @throws IOException when the broker refuses a declaration (a queue exists with other arguments) or, without
     *                     declaration, something is missing; the channel is closed by the broker then
     */
    static void declare(Channel channel, AmqpOptions options) throws IOException {
        if (!options.declareTopology()) {
            check(channel, options);
            return;
        }
        if (options.exchange() != null) {
            channel.exchangeDeclare(options.exchange(), BuiltinExchangeType.TOPIC, true);
        }
        if (options.triggerQueue() != null) {
            channel.queueDeclare(options.triggerQueue(), true, false, false, null);
            channel.queueDeclare(options.triggerDeadLetterQueue(), true, false, false, null);
        }
        if (options.eventQueue() != null) {
            channel.queueDeclare(options.eventQueue(), true, false, false, null);
            channel.queueDeclare(options.eventDeadLetterQueue(), true, false, false, null);
            if (options.eventExchange() != null) {
                channel.exchangeDeclare(options.eventExchange(), BuiltinExchangeType.TOPIC, true);
                channel.queueBind(options.eventQueue(), options.eventExchange(), options.eventRoutingKey());
            }
        }
    }

    private static void check(Channel channel, AmqpOptions options) throws IOException {
        if (options.exchange() != null) {
            channel.exchangeDeclarePassive(options.exchange());
        }
        if (options.triggerQueue() != null) {
            channel.queueDeclarePassive(options.triggerQueue());
            channel.queueDeclarePassive(options.triggerDeadLetterQueue());
        }
        if (options.eventQueue() != null) {
            channel.queueDeclarePassive(options.eventQueue());
            channel.queueDeclarePassive(options.eventDeadLetterQueue());
        }
    }
}
