package io.reactory.workflow.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What a step body tells the engine when it returns. A sealed set of records rather than a bag of nullable fields,
 * so every case is handled where results are interpreted.
 *
 * <pre>{@code
 * return ExecutionResult.next();                       // proceed to the next step
 * return ExecutionResult.outcome("approved");          // proceed, recording an outcome value
 * return ExecutionResult.sleep(Duration.ofMinutes(5)); // run this step again in 5 minutes (durably)
 * return ExecutionResult.waitForEvent("paid", orderId);// run this step again once the event arrives
 * return ExecutionResult.fail("card declined");        // fail this activation (retry policy applies)
 * return ExecutionResult.endWorkflow();                // complete the workflow now
 * }</pre>
 */
public sealed interface ExecutionResult {

    /** Proceed to the next step. */
    static ExecutionResult next() {
        return Next.INSTANCE;
    }

    /** Proceed to the next step, recording {@code value} as this activation's outcome (visible in history). */
    static ExecutionResult outcome(Object value) {
        return new Next(value);
    }

    /** Run this same step again after {@code duration}; the wait is persisted and holds no thread. */
    static ExecutionResult sleep(Duration duration) {
        return new Sleep(duration);
    }

    /**
     * Park this step until an event named {@code eventName} with key {@code eventKey} is published; the step then
     * runs again with {@link StepContext#event()} set.
     */
    static ExecutionResult waitForEvent(String eventName, String eventKey) {
        return new WaitForEvent(eventName, eventKey);
    }

    /** Fail this activation as if the step had thrown {@link StepFailedException} with {@code message}. */
    static ExecutionResult fail(String message) {
        return new Fail(message, false);
    }

    /** Fail this activation without retrying, whatever the retry policy says. */
    static ExecutionResult failNonRetryable(String message) {
        return new Fail(message, true);
    }

    /** Complete the whole workflow now; other active branches are cancelled. */
    static ExecutionResult endWorkflow() {
        return End.INSTANCE;
    }

    record Next(Object outcome) implements ExecutionResult {
        static final Next INSTANCE = new Next(null);
    }

    record Sleep(Duration duration) implements ExecutionResult {
        public Sleep {
            Objects.requireNonNull(duration, "duration");
            if (duration.isNegative()) {
                throw new IllegalArgumentException("sleep duration must not be negative: " + duration);
            }
        }
    }

    record WaitForEvent(String eventName, String eventKey) implements ExecutionResult {
        public WaitForEvent {
            Objects.requireNonNull(eventName, "eventName");
            Objects.requireNonNull(eventKey, "eventKey");
        }
    }

    record Fail(String message, boolean nonRetryable) implements ExecutionResult {
        public Fail {
            Objects.requireNonNull(message, "message");
        }
    }

    record End() implements ExecutionResult {
        static final End INSTANCE = new End();
    }
}
