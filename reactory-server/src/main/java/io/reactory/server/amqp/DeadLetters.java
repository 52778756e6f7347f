package io.reactory.server.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves a message that can never be processed to its dead-letter queue: the original body and properties, plus
 * headers saying why ({@code x-reactory-reason}, {@code x-reactory-error}, {@code x-reactory-queue},
 * {@code x-reactory-attempts}, {@code x-reactory-dead-lettered-at}). The copy is published persistent, mandatory
 * and confirmed; only then may the original be acknowledged, so a message is never lost between the two queues
 * (at worst, after a crash, it is in both). Dead letters are rare: one channel, one at a time.
 */
final class DeadLetters {
    static final String REASON = "x-reactory-reason";
    static final String ERROR = "x-reactory-error";
    static final String QUEUE = "x-reactory-queue";
    static final String ATTEMPTS = "x-reactory-attempts";
    static final String AT = "x-reactory-dead-lettered-at";
    private static final String TRACE = "x-reactory-dead-letter-id";
    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Supplier<Connection> connection;
    private final Clock clock;
    private final Duration confirmTimeout;
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicReference<String> returned = new AtomicReference<>();
    private Channel channel;

    DeadLetters(Supplier<Connection> connection, Clock clock, Duration confirmTimeout) {
        this.connection = connection;
        this.clock = clock;
        this.confirmTimeout = confirmTimeout;
    }

    /**
     * Publishes the dead letter and waits for the broker's confirm.
     *
     * @return false when it could not be stored (broker unreachable, queue missing): keep the original
     */
    boolean send(String deadLetterQueue, String sourceQueue, AMQP.BasicProperties original, byte[] body,
                 Outcome.DeadLetter letter) {
        String trace = UUID.randomUUID().toString();
        Map<String, Object> headers = new HashMap<>();
        if (original != null && original.getHeaders() != null) {
            headers.putAll(original.getHeaders());
        }
        headers.put(REASON, letter.reason().code());
        headers.put(ERROR, letter.detail() == null ? "" : letter.detail());
        headers.put(QUEUE, sourceQueue);
        headers.put(ATTEMPTS, letter.attempts());
        headers.put(AT, clock.instant().toString());
        headers.put(TRACE, trace);
        AMQP.BasicProperties.Builder props = original == null ? new AMQP.BasicProperties.Builder() : original.builder();
        AMQP.BasicProperties copy = props.headers(headers).deliveryMode(2).expiration(null).build();
        lock.lock();
        try {
            Channel ch = channel();
            if (ch == null) {
                return false;
            }
            returned.set(null);
            ch.basicPublish("", deadLetterQueue, true, copy, body);
            boolean confirmed = ch.waitForConfirms(confirmTimeout.toMillis());
            if (trace.equals(returned.get())) {
                log.error("dead-letter queue '{}' does not exist; the message stays on '{}'", deadLetterQueue, sourceQueue);
                return false;
            }
            return confirmed;
        } catch (Exception e) {
            log.warn("could not dead-letter a message to '{}': {}", deadLetterQueue, e.toString());
            drop();
            return false;
        } finally {
            lock.unlock();
        }
    }

    private Channel channel() throws Exception {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        Connection c = connection.get();
        if (c == null || !c.isOpen()) {
            return null;
        }
        Channel ch = c.createChannel();
        ch.confirmSelect();
        ch.addReturnListener(r -> {
            Map<String, Object> h = r.getProperties().getHeaders();
            Object id = h == null ? null : h.get(TRACE);
            if (id != null) {
                returned.set(id.toString());
            }
        });
        channel = ch;
        return ch;
    }

    private void drop() {
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            try {
                ch.abort();
            } catch (Exception ignored) {
                // already closed with its connection
            }
        }
    }

    void close() {
        lock.lock();
        try {
            drop();
        } finally {
            lock.unlock();
        }
    }
}
