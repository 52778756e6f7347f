package io.reactory.workflow.notification;

import io.reactory.workflow.persistence.OutboxStore;
import java.util.List;
import java.util.Objects;

/**
 * Where the scheduler and the circuit breakers hand their alerts: the outbox publisher stores each one durably (in
 * the store's outbox, in a transaction of its own) for the relay to send, so an alert raised while the broker is
 * down is sent once it is back. Implementations are thread-safe and quick; {@link #publish} never blocks on the
 * broker.
 */
@FunctionalInterface
public interface AlertPublisher {

    /** Drops every alert: for runners without an outbox relay. */
    AlertPublisher NONE = alert -> {};

    /**
     * Stores {@code alert} for sending.
     *
     * @throws RuntimeException when the store refuses the write (the caller logs it and goes on)
     */
    void publish(Alert alert);

    /**
     * A publisher writing to {@code outbox}, then calling {@code written} (to wake the relay; it must not block).
     */
    static AlertPublisher outbox(OutboxStore outbox, Runnable written) {
        Objects.requireNonNull(outbox, "outbox");
        Objects.requireNonNull(written, "written");
        return alert -> {
            outbox.append(List.of(SystemEvents.alert(alert)));
            written.run();
        };
    }
}
