package io.reactory.server.amqp;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.TopologyRecoveryException;
import com.rabbitmq.client.impl.DefaultExceptionHandler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client's exception handler with quieter recovery: while the broker is down every reconnection attempt fails,
 * and the client's default logs each failure with a stack trace. Here a failed attempt is one line, at most one
 * warning a minute (the rest at debug). Everything else behaves as the client's default.
 */
final class RecoveryLogging extends DefaultExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(RecoveryLogging.class);
    private static final long QUIET_NANOS = Duration.ofMinutes(1).toNanos();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - QUIET_NANOS);

    @Override
    public void handleConnectionRecoveryException(Connection conn, Throwable exception) {
        report("reconnecting " + conn.getClientProvidedName(), exception);
    }

    @Override
    public void handleChannelRecoveryException(Channel ch, Throwable exception) {
        report("recovering a channel", exception);
    }

    @Override
    public void handleTopologyRecoveryException(Connection conn, Channel ch, TopologyRecoveryException exception) {
        report("re-declaring the topology of " + conn.getClientProvidedName(), exception);
    }

    private void report(String what, Throwable exception) {
        Throwable cause = exception.getCause() != null ? exception.getCause() : exception;
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= QUIET_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("AMQP: {} failed, will retry: {}", what, cause.toString());
        } else {
            log.debug("AMQP: {} failed, will retry: {}", what, cause.toString());
        }
    }
}
