package io.reactory.server.amqp;

/** A message that can never be processed, whatever the retries: it goes to the dead-letter queue. */
final class InvalidMessageException extends RuntimeException {
    private final DeadLetterReason reason;

    InvalidMessageException(DeadLetterReason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    DeadLetterReason reason() {
        return reason;
    }
}
