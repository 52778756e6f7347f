package io.reactory.server.amqp;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes one queue with manual acknowledgements. Each delivery is handled (on a virtual thread of its own when
 * {@code concurrent}, else in arrival order), then acknowledged only after its handler returned — the start or event
 * is in the store by then —, dead-lettered then acknowledged, or handed back for redelivery after a wait. The
 * broker's prefetch bounds how many are in progress.
 *
 * <p>After a reconnection the client re-registers this consumer; acknowledgements of deliveries from before are
 * dropped by the client (their tags are stale) and the broker delivers those messages again, which the handlers
 * make harmless (idempotent starts).
 */
final class QueueConsumer extends DefaultConsumer {
    private static final Logger log = LoggerFactory.getLogger(QueueConsumer.class);

    interface Handler {
        Outcome handle(AMQP.BasicProperties props, byte[] body);
    }

    /** What happened to deliveries, for the adapter's status. */
    static final class Counters {
        final LongAdder done = new LongAdder();
        final LongAdder deadLettered = new LongAdder();
        final LongAdder retried = new LongAdder();
    }

    private final String queue;
    private final String deadLetterQueue;
    private final Handler handler;
    private final boolean concurrent;
    private final DeadLetters deadLetters;
    private final Executor workers;
    private final Counters counters;
    private final Duration deadLetterRetry;
    private final ReentrantLock channelLock = new ReentrantLock();
    private final ReentrantLock idleLock = new ReentrantLock();
    private final Condition idle = idleLock.newCondition();
    private final AtomicInteger inFlight = new AtomicInteger();

    QueueConsumer(Channel channel, String queue, String deadLetterQueue, Handler handler, boolean concurrent,
                  DeadLetters deadLetters, Executor workers, Counters counters, Duration deadLetterRetry) {
        super(channel);
        this.queue = queue;
        this.deadLetterQueue = deadLetterQueue;
        this.handler = handler;
        this.concurrent = concurrent;
        this.deadLetters = deadLetters;
        this.workers = workers;
        this.counters = counters;
        this.deadLetterRetry = deadLetterRetry;
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties props, byte[] body) {
        inFlight.incrementAndGet();
        if (!concurrent) {
            process(envelope.getDeliveryTag(), props, body);
            return;
        }
        try {
            workers.execute(() -> process(envelope.getDeliveryTag(), props, body));
        } catch (RuntimeException e) {
            // shutting down: the message stays unacknowledged and comes back to another consumer
            finished();
        }
    }

    private void process(long tag, AMQP.BasicProperties props, byte[] body) {
        try {
            Outcome outcome;
            try {
                outcome = handler.handle(props, body);
            } catch (RuntimeException e) {
                log.error("a message on '{}' could not be handled; it will be delivered again", queue, e);
                outcome = new Outcome.Retry(deadLetterRetry, Failures.describe(e), 0);
            }
            switch (outcome) {
                case Outcome.Done done -> {
                    ack(tag);
                    counters.done.increment();
                }
                case Outcome.DeadLetter letter -> {
                    if (deadLetters.send(deadLetterQueue, queue, props, body, letter)) {
                        log.info("dead-lettered a message from '{}' to '{}': {} ({})", queue, deadLetterQueue,
                                letter.reason().code(), letter.detail());
                        ack(tag);
                        counters.deadLettered.increment();
                    } else {
                        pause(deadLetterRetry);
                        requeue(tag);
                    }
                }
                case Outcome.Retry retry -> {
                    log.warn("a message on '{}' failed (attempt {}): {}; it will be delivered again in {}", queue,
                            retry.attempt(), retry.error(), retry.backoff());
                    pause(retry.backoff());
                    requeue(tag);
                    counters.retried.increment();
                }
            }
        } finally {
            finished();
        }
    }

    private void ack(long tag) {
        channelCall(() -> getChannel().basicAck(tag, false), "acknowledge");
    }

    private void requeue(long tag) {
        channelCall(() -> getChannel().basicNack(tag, false, true), "requeue");
    }

    private interface ChannelCall {
        void run() throws IOException;
    }

    /** Channel methods from several threads, one at a time (a channel must not interleave frames). */
    private void channelCall(ChannelCall call, String what) {
        channelLock.lock();
        try {
            call.run();
        } catch (IOException | RuntimeException e) {
            // The channel closed with its connection: the broker has requeued the message already.
            log.debug("could not {} a delivery on '{}': {}", what, queue, e.toString());
        } finally {
            channelLock.unlock();
        }
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void finished() {
        if (inFlight.decrementAndGet() == 0) {
            idleLock.lock();
            try {
                idle.signalAll();
            } finally {
                idleLock.unlock();
            }
        }
    }

    /** Waits until no delivery is in progress, up to {@code timeout}; true when none is. */
    boolean awaitIdle(Duration timeout) {
        long nanos = timeout.toNanos();
        idleLock.lock();
        try {
            while (inFlight.get() > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = idle.awaitNanos(nanos);
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return inFlight.get() == 0;
        } finally {
            idleLock.unlock();
        }
    }

    int inFlight() {
        return inFlight.get();
    }
}
