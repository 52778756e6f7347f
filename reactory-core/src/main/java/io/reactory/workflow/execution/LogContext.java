package io.reactory.workflow.execution;

import io.reactory.workflow.api.MdcKeys;
import io.reactory.workflow.persistence.ErrorRecord;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * Puts an instance (and a step with its attempt) into the MDC for the lines logged inside a try-with-resources block,
 * and restores what was there before. The step's context is set on the thread that runs the step body, so the body's
 * own log lines carry it.
 *
 * <p>Set as one map rather than key by key: a step usually runs on a fresh virtual thread, where each MDC put and
 * remove costs thread-local bookkeeping (with Logback, key-by-key puts and removes were about 7% of a seq3 run).
 */
final class LogContext implements AutoCloseable {
    private static final String[] ATTEMPTS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
    /** Looked up once instead of through {@code MDC}'s static checks on every step. */
    private static final MDCAdapter MDC_ADAPTER = MDC.getMDCAdapter();
    /** Sets and restores nothing (the runner's {@code stepLogContext} is off). */
    static final LogContext NONE = new LogContext(null, false);
    /** The thread's MDC before, or null when it was empty (the usual case). */
    private final Map<String, String> previous;
    private final boolean opened;

    private LogContext(Map<String, String> previous, boolean opened) {
        this.previous = previous;
        this.opened = opened;
    }

    static LogContext instance(String instanceId, String workflowId, String version) {
        Map<String, String> context = new HashMap<>(8);
        context.put(MdcKeys.INSTANCE_ID, instanceId);
        context.put(MdcKeys.WORKFLOW_ID, workflowId);
        context.put(MdcKeys.WORKFLOW_VERSION, version);
        return open(context);
    }

    static LogContext step(String instanceId, String workflowId, String version, String step, int attempt) {
        Map<String, String> context = new HashMap<>(8);
        context.put(MdcKeys.INSTANCE_ID, instanceId);
        context.put(MdcKeys.WORKFLOW_ID, workflowId);
        context.put(MdcKeys.WORKFLOW_VERSION, version);
        context.put(MdcKeys.STEP, step);
        context.put(MdcKeys.ATTEMPT, attempt >= 0 && attempt < ATTEMPTS.length ? ATTEMPTS[attempt]
                : Integer.toString(attempt));
        return open(context);
    }

    private static LogContext open(Map<String, String> context) {
        Map<String, String> previous = MDC_ADAPTER.getCopyOfContextMap();
        if (previous != null && !previous.isEmpty()) {
            Map<String, String> merged = new HashMap<>(previous);
            merged.putAll(context);
            context = merged;
        }
        MDC_ADAPTER.setContextMap(context);
        return new LogContext(previous == null || previous.isEmpty() ? null : previous, true);
    }

    /** A handled failure: debug for a retry, info otherwise; the type only (messages may carry data). */
    static void failure(Logger log, ErrorRecord e) {
        boolean retry = e.action() == ErrorRecord.Action.RETRY;
        if (retry ? !log.isDebugEnabled() : !log.isInfoEnabled()) {
            return;
        }
        try (LogContext ignored = e.stepName() == null ? LogContext.instance(e.instanceId(), e.workflowId(), e.version())
                : LogContext.step(e.instanceId(), e.workflowId(), e.version(), e.stepName(), e.attempt())) {
            if (retry) {
                log.debug("step {} of instance {} failed on attempt {} ({}); retry at {}", e.stepName(), e.instanceId(),
                        e.attempt(), e.errorType(), e.retryAt());
            } else if (e.stepName() == null) {
                log.info("instance {} failed as a whole ({}): {}", e.instanceId(), e.errorType(), e.action());
            } else {
                log.info("step {} of instance {} failed on attempt {} ({}, {}): {}", e.stepName(), e.instanceId(),
                        e.attempt(), e.errorType(), e.retryable() ? "retryable" : "not retryable", e.action());
            }
        }
    }

    /** Restores the MDC as it was (what the step added to it itself goes too). */
    @Override
    public void close() {
        if (!opened) {
            return;
        }
        if (previous == null) {
            MDC_ADAPTER.clear();
        } else {
            MDC_ADAPTER.setContextMap(previous);
        }
    }
}
