package io.reactory.workflow.execution;

import io.reactory.workflow.api.MdcKeys;
import io.reactory.workflow.persistence.ErrorRecord;
import org.slf4j.Logger;
import org.slf4j.MDC;
import org.slf4j.spi.MDCAdapter;

/**
 * Puts an instance (and a step with its attempt) into the MDC for the lines logged inside a try-with-resources block,
 * and takes them out again. The step's context is set on the thread that runs the step body, so the body's own log
 * lines carry it.
 */
final class LogContext implements AutoCloseable {
    private static final String[] ATTEMPTS = {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};
    /** Every step sets and clears it: looked up once instead of through {@code MDC}'s static checks each time. */
    private static final MDCAdapter MDC_ADAPTER = MDC.getMDCAdapter();
    private final boolean step;

    private LogContext(boolean step) {
        this.step = step;
    }

    static LogContext instance(String instanceId, String workflowId, String version) {
        MDC_ADAPTER.put(MdcKeys.INSTANCE_ID, instanceId);
        MDC_ADAPTER.put(MdcKeys.WORKFLOW_ID, workflowId);
        MDC_ADAPTER.put(MdcKeys.WORKFLOW_VERSION, version);
        return new LogContext(false);
    }

    static LogContext step(String instanceId, String workflowId, String version, String step, int attempt) {
        instance(instanceId, workflowId, version);
        MDC_ADAPTER.put(MdcKeys.STEP, step);
        MDC_ADAPTER.put(MdcKeys.ATTEMPT, attempt >= 0 && attempt < ATTEMPTS.length ? ATTEMPTS[attempt]
                : Integer.toString(attempt));
        return new LogContext(true);
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

    @Override
    public void close() {
        MDC_ADAPTER.remove(MdcKeys.INSTANCE_ID);
        MDC_ADAPTER.remove(MdcKeys.WORKFLOW_ID);
        MDC_ADAPTER.remove(MdcKeys.WORKFLOW_VERSION);
        if (step) {
            MDC_ADAPTER.remove(MdcKeys.STEP);
            MDC_ADAPTER.remove(MdcKeys.ATTEMPT);
        }
    }
}
