package io.reactory.server.amqp;

import java.time.Duration;

/** What to do with a delivery once it was handled. */
sealed interface Outcome {

    /** Processed (or found already processed): acknowledge. */
    record Done(String result) implements Outcome {}

    /** Can never be processed: move to the dead-letter queue with the reason, then acknowledge. */
    record DeadLetter(DeadLetterReason reason, String detail, int attempts) implements Outcome {}

    /** Failed for a reason that may pass (the store is unreachable): wait, then hand back for redelivery. */
    record Retry(Duration backoff, String error, int attempt) implements Outcome {}
}
