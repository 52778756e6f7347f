package io.reactory.server.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.Recoverable;
import com.rabbitmq.client.RecoveryListener;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.execution.LocalWorkflowRunner;
import io.reactory.workflow.notification.Alert;
import io.reactory.workflow.notification.AlertPublisher;
import io.reactory.workflow.persistence.OutboxStore;
import io.reactory.workflow.resilience.CircuitBreakerTransition;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event-driven side of a runner over AMQP (RabbitMQ): start requests consumed from a queue, events for running
 * workflows consumed from another, lifecycle events and alerts published to a topic exchange from the store's
 * transactional outbox. The server wires it with one call:
 *
 * <pre>{@code
 * WorkflowRunner runner = WorkflowRunner.builder().store(store)
 *         .options(RunnerOptions.defaults().withLifecycleOutbox(true)).build();
 * runner.initialize();
 * AmqpModule amqp = AmqpModule.start(runner, AmqpOptions.builder(URI.create("amqp://127.0.0.1:5672/%2F")).build());
 * ...
 * amqp.close();   // before runner.close()
 * }</pre>
 *
 * Connecting happens in the background: the broker may be down when the server starts, or go away later; the
 * client reconnects and re-declares its queues and consumers, the outbox keeps the lifecycle events until they
 * are confirmed, and the engine runs on meanwhile. Thread-safe.
 */
public final class AmqpModule implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AmqpModule.class);

    private final WorkflowRunner runner;
    private final AmqpOptions options;
    private final CallerBinding binding;
    private final Clock clock;
    private final Broker broker;
    private final OutboxStore outbox;
    private final OutboxRelay relay;
    private final AlertPublisher alerts;
    private final DeadLetters deadLetters;
    private final Attempts attempts;
    private final QueueConsumer.Counters triggerCounters = new QueueConsumer.Counters();
    private final QueueConsumer.Counters eventCounters = new QueueConsumer.Counters();
    private final ExecutorService workers =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("reactory-amqp-trigger-", 0).factory());
    private final List<QueueConsumer> consumers = new CopyOnWriteArrayList<>();
    private volatile Connection consume;
    private volatile Connection publish;
    private volatile Channel topology;
    private volatile String lastError;
    private volatile boolean closing;
    private final AtomicBoolean relayStarted = new AtomicBoolean();
    private Thread connector;

    private AmqpModule(Builder b) {
        this.runner = b.runner;
        this.options = b.options;
        this.binding = b.binding;
        this.clock = b.clock != null ? b.clock : runner.clock();
        this.outbox = options.exchange() == null ? null : outboxOf(runner);
        this.broker = new Broker(options);
        this.deadLetters = new DeadLetters(() -> publish, clock, options.confirmTimeout());
        this.attempts = new Attempts(options.maxAttempts(), options.retryBackoff(), options.maxRetryBackoff());
        this.relay = outbox == null ? null : new OutboxRelay(outbox, () -> publish, options, clock, ownerName(runner));
        this.alerts = relay == null ? AlertPublisher.NONE : AlertPublisher.outbox(outbox, relay::wake);
    }

    /** Builds and starts a module with the defaults: no caller binding, the runner's clock. */
    public static AmqpModule start(WorkflowRunner runner, AmqpOptions options) {
        return builder(runner, options).build().start();
    }

    public static Builder builder(WorkflowRunner runner, AmqpOptions options) {
        return new Builder(runner, options);
    }

    private static OutboxStore outboxOf(WorkflowRunner runner) {
        OutboxStore store;
        try {
            store = runner.store().outbox();
        } catch (UnsupportedOperationException e) {
            throw new IllegalStateException("publishing lifecycle events needs a store with a transactional outbox; the "
                    + runner.store().kind() + " store has none (or set exchange to null)", e);
        }
        if (runner instanceof LocalWorkflowRunner local && !local.options().lifecycleOutbox()) {
            throw new IllegalStateException("publishing lifecycle events needs a runner that writes them to the outbox: "
                    + "build it with RunnerOptions.withLifecycleOutbox(true) (or set exchange to null)");
        }
        return store;
    }

    private static String ownerName(WorkflowRunner runner) {
        if (runner instanceof LocalWorkflowRunner local) {
            return local.options().nodeId();
        }
        return "amqp-" + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** Starts connecting (in the background) and returns at once. */
    public AmqpModule start() {
        if (relay != null) {
            runner.addListener(new WorkflowListener() {
                @Override
                public void statusChanged(StatusChange change) {
                    relay.wake();
                }

                @Override
                public void circuitBreakerTransition(CircuitBreakerTransition transition) {
                    try {
                        alerts.publish(Alert.circuitBreaker(transition));
                    } catch (RuntimeException e) {
                        log.warn("could not store the alert for circuit breaker '{}': {}", transition.dependency(),
                                e.toString());
                    }
                }
            });
        }
        connector = Thread.ofVirtual().name("reactory-amqp-connect").start(this::connectUntilDone);
        log.info("AMQP adapter starting: {}", options);
        return this;
    }

    private void connectUntilDone() {
        boolean warned = false;
        while (!closing) {
            try {
                connect();
                lastError = null;
                log.info("AMQP adapter connected to {}", AmqpOptions.withoutUserInfo(options.uri()));
                return;
            } catch (Exception e) {
                lastError = Failures.describe(e);
                closeConnections();
                if (!warned) {
                    log.warn("cannot connect to the AMQP broker at {} ({}); retrying every {}",
                            AmqpOptions.withoutUserInfo(options.uri()), lastError, options.recoveryInterval());
                    warned = true;
                }
                LockSupport.parkNanos(options.recoveryInterval().toNanos());
            }
        }
    }

    private void connect() throws Exception {
        Connection p = broker.connect("publish");
        publish = p;
        Connection c = broker.connect("consume");
        consume = c;
        Channel t = c.createChannel();
        Topology.declare(t, options);
        topology = t;
        RecoveryListener recovery = new RecoveryListener() {
            @Override
            public void handleRecovery(Recoverable recoverable) {
                log.info("AMQP connection {} recovered", recoverable instanceof Connection conn ? conn.getClientProvidedName() : "");
                redeclare();
                if (relay != null) {
                    relay.reconnected();
                }
            }

            @Override
            public void handleRecoveryStarted(Recoverable recoverable) {
                log.warn("AMQP connection {} lost; reconnecting", recoverable instanceof Connection conn
                        ? conn.getClientProvidedName() : "");
            }
        };
        ((Recoverable) p).addRecoveryListener(recovery);
        ((Recoverable) c).addRecoveryListener(recovery);
        if (options.triggerQueue() != null) {
            subscribe(c, options.triggerQueue(), options.triggerDeadLetterQueue(), true, triggerCounters,
                    new TriggerHandler(runner, binding, options, attempts)::handle);
        }
        if (options.eventQueue() != null) {
            subscribe(c, options.eventQueue(), options.eventDeadLetterQueue(), false, eventCounters,
                    new EventHandler(runner, binding, options, attempts)::handle);
        }
        if (relay != null && relayStarted.compareAndSet(false, true)) {
            relay.start(); // started once connected, so it does not report the broker as down meanwhile
        }
    }

    private void subscribe(Connection c, String queue, String deadLetterQueue, boolean concurrent,
                           QueueConsumer.Counters counters, QueueConsumer.Handler handler) throws Exception {
        Channel channel = c.createChannel();
        channel.basicQos(options.prefetch());
        QueueConsumer consumer = new QueueConsumer(channel, queue, deadLetterQueue, handler, concurrent, deadLetters,
                workers, counters, options.retryBackoff());
        channel.basicConsume(queue, false, consumer);
        consumers.add(consumer);
    }

    /** After a recovery, declares the topology again (the client's topology recovery did it too; this is cheap). */
    private void redeclare() {
        Channel t = topology;
        if (t == null || !t.isOpen()) {
            return;
        }
        try {
            Topology.declare(t, options);
        } catch (Exception e) {
            lastError = Failures.describe(e);
            log.warn("could not declare the AMQP topology again after recovery: {}", lastError);
        }
    }

    /** Waits until both connections are open; true when they are. For start-up checks and tests. */
    public boolean awaitConnected(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!isConnected()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || closing) {
                return false;
            }
            LockSupport.parkNanos(Math.min(left, Duration.ofMillis(20).toNanos()));
        }
        return true;
    }

    private boolean isConnected() {
        Connection c = consume;
        Connection p = publish;
        return c != null && p != null && c.isOpen() && p.isOpen() && consumersRegistered();
    }

    private boolean consumersRegistered() {
        int expected = (options.triggerQueue() != null ? 1 : 0) + (options.eventQueue() != null ? 1 : 0);
        return consumers.size() == expected;
    }

    public AmqpStatus status() {
        String error = lastError;
        if (error == null && relay != null) {
            error = relay.lastError();
        }
        return new AmqpStatus(isConnected(), triggerCounters.done.sum(), eventCounters.done.sum(),
                triggerCounters.deadLettered.sum() + eventCounters.deadLettered.sum(),
                triggerCounters.retried.sum() + eventCounters.retried.sum(),
                relay == null ? 0 : relay.published(), outbox == null ? -1 : outbox.pending(), error);
    }

    /**
     * Where alerts are handed so they reach the exchange through the outbox ({@link AlertPublisher#NONE} when
     * lifecycle publishing is off). The runner's circuit breaker transitions are sent here by the module itself; the
     * scheduler's go here through {@link io.reactory.workflow.scheduling.SchedulerAlerts} (as {@code serve} wires them).
     */
    public AlertPublisher alerts() {
        return alerts;
    }

    /**
     * Stops consuming, lets deliveries in progress finish (up to the shutdown timeout; unfinished ones are redelivered
     * later), sends what the relay has in hand, and closes the connections. Call it before closing the runner.
     */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (connector != null) {
            connector.interrupt();
            try {
                connector.join(options.shutdownTimeout());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<QueueConsumer> current = List.copyOf(consumers);
        for (QueueConsumer consumer : current) {
            try {
                consumer.getChannel().basicCancel(consumer.getConsumerTag());
            } catch (Exception e) {
                log.debug("could not cancel an AMQP consumer: {}", e.toString());
            }
        }
        long deadline = System.nanoTime() + options.shutdownTimeout().toNanos();
        for (QueueConsumer consumer : current) {
            consumer.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        }
        workers.shutdownNow();
        if (relay != null) {
            relay.close(options.shutdownTimeout());
        }
        deadLetters.close();
        closeConnections();
        broker.close();
        log.info("AMQP adapter stopped");
    }

    private void closeConnections() {
        for (Connection c : new Connection[] {consume, publish}) {
            if (c != null) {
                try {
                    c.close(5_000);
                } catch (Exception e) {
                    log.debug("closing an AMQP connection: {}", e.toString());
                }
            }
        }
        consume = null;
        publish = null;
        topology = null;
        consumers.clear();
    }

    /** Collaborators of a module; only the runner and options are required. */
    public static final class Builder {
        private final WorkflowRunner runner;
        private final AmqpOptions options;
        private CallerBinding binding = CallerBinding.NONE;
        private Clock clock;

        private Builder(WorkflowRunner runner, AmqpOptions options) {
            this.runner = Objects.requireNonNull(runner, "runner");
            this.options = Objects.requireNonNull(options, "options");
        }

        /** How the listener's principal becomes the caller of starts (the security layer's binding). */
        public Builder callerBinding(CallerBinding value) {
            this.binding = Objects.requireNonNull(value, "callerBinding");
            return this;
        }

        /** The clock for outbox leases and dead-letter times (default: the runner's). */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public AmqpModule build() {
            return new AmqpModule(this);
        }
    }
}
