package io.reactory.workflow.execution;

import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.ExecutionPointer;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/** Builds the error records the engine stores with each failure, with stack traces trimmed to what helps. */
final class ErrorRecords {
    /** Frames kept of the top exception; each cause keeps fewer. */
    private static final int TOP_FRAMES = 12;
    private static final int CAUSE_FRAMES = 4;
    private static final int MAX_CAUSES = 4;
    static final int MAX_STACK_CHARS = 4000;

    private ErrorRecords() {}

    static ErrorRecord of(Round r, ExecutionPointer p, Throwable error, boolean retryable, ErrorRecord.Action action,
                          Instant retryAt) {
        return new ErrorRecord(0, r.instance.id, r.instance.workflowId, r.instance.version, r.instance.namespace,
                r.stepName(p.stepId), p.id, p.failures, error.getClass().getName(), PointerMachine.messageOf(error),
                trimmedStackTrace(error), retryable, action, retryAt, r.now);
    }

    /** A failure of the instance as a whole (workflow timeout): no step, no attempt. */
    static ErrorRecord ofInstance(Round r, Throwable error) {
        return new ErrorRecord(0, r.instance.id, r.instance.workflowId, r.instance.version, r.instance.namespace,
                null, -1, 0, error.getClass().getName(), PointerMachine.messageOf(error), null, false,
                ErrorRecord.Action.FAIL, null, r.now);
    }

    /**
     * The stack trace as {@code printStackTrace} writes it, but with the first frames of each exception only, a few
     * causes, and at most {@value #MAX_STACK_CHARS} characters; null when the error carries no frames.
     */
    static String trimmedStackTrace(Throwable error) {
        if (error.getStackTrace().length == 0 && error.getCause() == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(1024);
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Throwable current = error;
        for (int depth = 0; current != null && depth <= MAX_CAUSES && seen.add(current); depth++) {
            if (depth > 0) {
                out.append("Caused by: ");
            }
            out.append(current.getClass().getName());
            String message = current.getMessage();
            if (message != null) {
                out.append(": ").append(PointerMachine.messageOf(current));
            }
            out.append('\n');
            StackTraceElement[] frames = current.getStackTrace();
            int keep = Math.min(frames.length, depth == 0 ? TOP_FRAMES : CAUSE_FRAMES);
            for (int i = 0; i < keep; i++) {
                out.append("\tat ").append(frames[i]).append('\n');
            }
            if (frames.length > keep) {
                out.append("\t... ").append(frames.length - keep).append(" more\n");
            }
            if (out.length() > MAX_STACK_CHARS) {
                break;
            }
            current = current.getCause();
        }
        return out.length() > MAX_STACK_CHARS ? out.substring(0, MAX_STACK_CHARS - 1) + "…" : out.toString();
    }
}
