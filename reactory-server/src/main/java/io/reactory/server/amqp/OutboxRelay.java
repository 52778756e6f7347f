package io.reactory.server.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.BuiltinExchangeType;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import io.reactory.workflow.persistence.OutboxEntry;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.OutboxStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the store's outbox to the topic exchange: claims the oldest messages (holding the store's relay lease, so
 * one relay sends at a time and in sequence order), publishes them persistent on one confirm-mode channel, waits for
 * the broker's confirms, and only then marks them published. If anything fails — broker down, a nack, a confirm
 * timeout — the batch stays in the outbox and is sent again after a growing wait, so a message is delivered at least
 * once and, per instance, in the order of the changes. Runs on one virtual thread; {@link #wake()} after a commit.
 */
final class OutboxRelay {
    static final String SEQUENCE = "x-reactory-sequence";
    static final String KEY = "x-reactory-key";
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final Duration MIN_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private final OutboxStore outbox;
    private final Supplier<Connection> connection;
    private final AmqpOptions options;
    private final Clock clock;
    private final String owner;
    private final LongAdder published = new LongAdder();
    private volatile boolean wakeRequested = true;
    private volatile boolean stopping;
    private final AtomicLong reconnections = new AtomicLong();
    private volatile Thread thread;
    private volatile String lastError;
    private Channel channel;
    private Duration backoff = MIN_BACKOFF;
    private boolean failing;

    OutboxRelay(OutboxStore outbox, Supplier<Connection> connection, AmqpOptions options, Clock clock, String owner) {
        this.outbox = outbox;
        this.connection = connection;
        this.options = options;
        this.clock = clock;
        this.owner = owner;
    }

    void start() {
        thread = Thread.ofVirtual().name("reactory-outbox-relay").start(this::loop);
    }

    /** Messages may be waiting: look at once. Cheap; any thread. */
    void wake() {
        wakeRequested = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }

    long published() {
        return published.sum();
    }

    String lastError() {
        return lastError;
    }

    /** The connection is back: retry now rather than at the end of the back-off. Any thread. */
    void reconnected() {
        reconnections.incrementAndGet();
        wake();
    }

    private void loop() {
        while (!stopping) {
            wakeRequested = false;
            long seenReconnections = reconnections.get();
            boolean more;
            try {
                more = sendBatch();
            } catch (Exception e) {
                backOff(failed(e), seenReconnections);
                continue;
            }
            if (!more && !wakeRequested && !stopping) {
                LockSupport.parkNanos(this, options.relayPollInterval().toNanos());
            }
        }
        dropChannel();
        try {
            outbox.release(owner);
        } catch (RuntimeException e) {
            log.debug("could not release the outbox relay lease: {}", e.toString());
        }
    }

    /**
     * Waits out the back-off. Commits keep waking the relay while the broker is down; only a reconnection (or
     * stopping) cuts the wait short, so an outage costs one attempt per back-off, not one per commit.
     */
    private void backOff(Duration wait, long seenReconnections) {
        long until = System.nanoTime() + wait.toNanos();
        while (!stopping && reconnections.get() == seenReconnections) {
            long left = until - System.nanoTime();
            if (left <= 0) {
                return;
            }
            LockSupport.parkNanos(this, left);
        }
    }

    /** @return true when a full batch went out (more may be waiting) */
    private boolean sendBatch() throws Exception {
        Connection c = connection.get();
        if (c == null || !c.isOpen()) {
            throw new IllegalStateException("not connected to the broker");
        }
        List<OutboxEntry> batch = outbox.claim(owner, options.relayBatchSize(), LEASE, clock.instant());
        if (batch.isEmpty()) {
            return false;
        }
        Channel ch = channel(c);
        List<Long> sequences = new ArrayList<>(batch.size());
        for (OutboxEntry entry : batch) {
            OutboxMessage m = entry.message();
            AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                    .contentType("application/json")
                    .contentEncoding("utf-8")
                    .deliveryMode(2)
                    .messageId(m.id())
                    .type(m.type())
                    .appId("reactory")
                    .timestamp(Date.from(m.createdAt()))
                    .headers(m.key() == null ? Map.of(SEQUENCE, entry.sequence())
                            : Map.of(SEQUENCE, entry.sequence(), KEY, m.key()))
                    .build();
            ch.basicPublish(options.exchange(), m.topic(), false, props, m.body().getBytes(StandardCharsets.UTF_8));
            sequences.add(entry.sequence());
        }
        if (!ch.waitForConfirms(options.confirmTimeout().toMillis())) {
            throw new IllegalStateException("the broker refused (nacked) part of a batch of " + batch.size());
        }
        outbox.markPublished(sequences);
        published.add(sequences.size());
        if (failing) {
            log.info("lifecycle events flow to '{}' again", options.exchange());
            failing = false;
        }
        backoff = MIN_BACKOFF;
        lastError = null;
        return batch.size() == options.relayBatchSize();
    }

    private Channel channel(Connection c) throws Exception {
        if (channel != null && channel.isOpen()) {
            return channel;
        }
        Channel ch = c.createChannel();
        ch.confirmSelect();
        if (options.declareTopology()) {
            // the exchange may have been deleted, or the broker reset, while we were away
            ch.exchangeDeclare(options.exchange(), BuiltinExchangeType.TOPIC, true);
        }
        channel = ch;
        return ch;
    }

    private Duration failed(Exception e) {
        dropChannel();
        lastError = Failures.describe(e);
        if (!failing) {
            log.warn("cannot send lifecycle events to '{}' ({}); they wait in the outbox and are sent once the broker "
                    + "is reachable", options.exchange(), e instanceof TimeoutException ? "confirm timeout" : lastError);
            failing = true;
        }
        Duration wait = backoff;
        backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
        return wait;
    }

    private void dropChannel() {
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            try {
                ch.abort();
            } catch (Exception ignored) {
                // closed with its connection
            }
        }
    }

    /** Finishes the batch in progress, then stops and gives the relay lease back. */
    void close(Duration timeout) {
        stopping = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
            try {
                if (!t.join(timeout)) {
                    t.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
