package io.reactory.workflow.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.reactory.workflow.api.WorkflowStatus;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One workflow's meters, created once and cached so that recording costs a map lookup and an increment, never a
 * registry lookup. Meters that depend on a version, step, reason or error type are created on first use.
 */
final class WorkflowMeters {
    final String workflowId;
    final Counter started;
    final Counter completed;
    final Counter cancelled;
    final AlertState alerts;
    /** The monitoring settings in force and the configuration generation they were resolved at. */
    volatile MonitoringSettings settings;
    volatile long generation = -1;

    private final MeterFactory meters;
    private final Map<String, Counter> failed = new ConcurrentHashMap<>(4);
    private final Map<String, Timer[]> executions = new ConcurrentHashMap<>(4);
    private final Map<String, StepMeters> steps = new ConcurrentHashMap<>(8);
    private final Map<String, Counter> errors = new ConcurrentHashMap<>(4);
    private final Counter[] sla = new Counter[3];

    WorkflowMeters(String workflowId, MeterFactory meters, AlertOptions alertOptions) {
        this.workflowId = workflowId;
        this.meters = meters;
        this.started = meters.counter(ReactoryMetrics.WORKFLOW_STARTED, workflowId);
        this.completed = meters.counter(ReactoryMetrics.WORKFLOW_COMPLETED, workflowId);
        this.cancelled = meters.counter(ReactoryMetrics.WORKFLOW_CANCELLED, workflowId);
        this.alerts = new AlertState(alertOptions);
    }

    Counter failed(String reason) {
        Counter c = failed.get(reason);
        return c != null ? c : failed.computeIfAbsent(reason,
                r -> meters.counter(ReactoryMetrics.WORKFLOW_FAILED, workflowId, r));
    }

    /** The execution timer of a version for a final status (COMPLETED, FAILED or CANCELLED). */
    Timer execution(String version, WorkflowStatus status) {
        Timer[] byStatus = executions.get(version);
        if (byStatus == null) {
            byStatus = executions.computeIfAbsent(version, v -> new Timer[] {
                    meters.timer(ReactoryMetrics.WORKFLOW_EXECUTION, workflowId, v, "completed"),
                    meters.timer(ReactoryMetrics.WORKFLOW_EXECUTION, workflowId, v, "failed"),
                    meters.timer(ReactoryMetrics.WORKFLOW_EXECUTION, workflowId, v, "cancelled")});
        }
        return switch (status) {
            case COMPLETED -> byStatus[0];
            case FAILED -> byStatus[1];
            default -> byStatus[2];
        };
    }

    StepMeters step(String stepName) {
        StepMeters s = steps.get(stepName);
        return s != null ? s : steps.computeIfAbsent(stepName, n -> new StepMeters(meters, workflowId, n));
    }

    Counter error(String errorType, boolean retryable, String action) {
        String key = errorType + '\u0000' + retryable + '\u0000' + action;
        Counter c = errors.get(key);
        return c != null ? c : errors.computeIfAbsent(key, k -> meters.counter(ReactoryMetrics.ERRORS, workflowId,
                errorType, Boolean.toString(retryable), action));
    }

    /** The SLA counter for {@code met}, {@code late} or {@code failed}. */
    Counter sla(SlaResult result) {
        Counter c = sla[result.ordinal()];
        if (c == null) {
            c = meters.counter(ReactoryMetrics.WORKFLOW_SLA, workflowId, ReactoryMetrics.lower(result));
            sla[result.ordinal()] = c;
        }
        return c;
    }

    /** How a finished instance fared against its workflow's SLA. */
    enum SlaResult {
        MET,
        LATE,
        FAILED
    }

    /** A step's meters: attempts by outcome (with their durations) and retries. */
    static final class StepMeters {
        final Timer success;
        final Timer failure;
        final Counter retries;

        StepMeters(MeterFactory meters, String workflowId, String step) {
            this.success = meters.timer(ReactoryMetrics.STEP_DURATION, workflowId, step, "success");
            this.failure = meters.timer(ReactoryMetrics.STEP_DURATION, workflowId, step, "failure");
            this.retries = meters.counter(ReactoryMetrics.STEP_RETRIES, workflowId, step);
        }
    }
}
