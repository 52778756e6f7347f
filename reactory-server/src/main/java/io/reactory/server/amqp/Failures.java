package io.reactory.server.amqp;

import com.fasterxml.jackson.core.JacksonException;
import io.reactory.workflow.api.IdempotencyConflictException;
import io.reactory.workflow.api.WorkflowDisabledException;
import io.reactory.workflow.api.WorkflowException;
import io.reactory.workflow.api.WorkflowNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.concurrent.TimeoutException;

/**
 * Sorts the failure of a start or event delivery into "never going to work" (dead-letter it, with a reason) and
 * "may pass" (redeliver it later, a bounded number of times).
 *
 * <p>The engine's answers about the request are final: no such workflow, a disabled workflow, invalid input. Then
 * anything caused by I/O (a database or network error, whatever wraps it — the durable stores' exceptions are
 * {@code WorkflowException}s around an {@code SQLException}) may pass; any other {@code WorkflowException} is a start
 * interceptor's veto, final too. Unknown runtime failures are
 * treated as passing, so a bug or a closing runner never turns accepted messages into dead letters at once; the
 * attempt bound still stops them looping.
 */
final class Failures {
    private Failures() {}

    /** @param reason null when the failure may pass */
    record Classified(DeadLetterReason reason, String detail) {
        boolean permanent() {
            return reason != null;
        }
    }

    static Classified classify(Throwable failure) {
        String detail = describe(failure);
        if (failure instanceof WorkflowNotFoundException) {
            return new Classified(DeadLetterReason.UNKNOWN_WORKFLOW, detail);
        }
        if (failure instanceof WorkflowDisabledException) {
            return new Classified(DeadLetterReason.WORKFLOW_DISABLED, detail);
        }
        if (failure instanceof IdempotencyConflictException) {
            return new Classified(DeadLetterReason.IDEMPOTENCY_CONFLICT, detail);
        }
        if (failure instanceof IllegalArgumentException) {
            return new Classified(DeadLetterReason.INVALID_DATA, detail);
        }
        if (causedByIo(failure)) {
            return new Classified(null, detail);
        }
        if (failure instanceof WorkflowException) {
            return new Classified(DeadLetterReason.REFUSED, detail);
        }
        return new Classified(null, detail);
    }

    private static boolean causedByIo(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException) {
                return false; // a JSON problem is about the input, not the network
            }
            if (t instanceof SQLException || t instanceof IOException || t instanceof UncheckedIOException
                    || t instanceof TimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** Type and first line of the message, bounded (engine messages never carry workflow data). */
    static String describe(Throwable failure) {
        String message = failure.getMessage();
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        if (message.length() > 500) {
            message = message.substring(0, 500) + "...";
        }
        return failure.getClass().getSimpleName() + ": " + message;
    }
}
