package io.reactory.server.amqp;

import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeoutException;

/**
 * Opens the adapter's connections: automatic connection recovery and topology recovery on, consumer callbacks on
 * virtual threads, each connection named so the broker (and an operator) can tell them apart.
 */
final class Broker implements AutoCloseable {
    private final ConnectionFactory factory;
    private final String name;
    private final ExecutorService dispatch;

    Broker(AmqpOptions options) {
        this.name = options.connectionName();
        this.factory = new ConnectionFactory();
        try {
            factory.setUri(options.uri());
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("uri is not a valid AMQP URI: " + e.getMessage(), e);
        }
        if (options.username() != null) {
            factory.setUsername(options.username());
        }
        if (options.password() != null) {
            factory.setPassword(options.password());
        }
        factory.setAutomaticRecoveryEnabled(true);
        factory.setTopologyRecoveryEnabled(true);
        factory.setNetworkRecoveryInterval(options.recoveryInterval().toMillis());
        factory.setExceptionHandler(new RecoveryLogging());
        factory.setConnectionTimeout((int) Math.min(Integer.MAX_VALUE, options.confirmTimeout().toMillis()));
        // The client runs consumer callbacks on this executor, one task per channel at a time (so deliveries of one
        // channel stay in order); virtual threads make a blocked callback cost no platform thread.
        this.dispatch = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("reactory-amqp-dispatch-", 0).factory());
    }

    /** Opens one connection named {@code <connectionName>-<role>}. */
    Connection connect(String role) throws IOException, TimeoutException {
        return factory.newConnection(dispatch, name + "-" + role);
    }

    @Override
    public void close() {
        dispatch.shutdown();
    }
}
