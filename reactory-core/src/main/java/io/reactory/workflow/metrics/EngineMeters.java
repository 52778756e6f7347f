package io.reactory.workflow.metrics;

import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.definition.StepNode;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.execution.StepTimeoutException;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.resilience.CircuitBreakerState;
import io.reactory.workflow.resilience.CircuitBreakerTransition;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's listener that keeps the workflow, step, error and breaker meters and feeds the alerts. Each event
 * costs a cached-meter lookup by workflow (and step) and an increment or a timer record; monitoring settings are
 * re-resolved only after a configuration change.
 */
final class EngineMeters implements WorkflowListener {
    private static final Logger log = LoggerFactory.getLogger(EngineMeters.class);
    private static final String STEP_TIMEOUT = StepTimeoutException.class.getName();

    private final MeterFactory meters;
    private final AlertOptions alertOptions;
    private final AlertMonitor alerts;
    private final BreakerMeters breakers;
    private final Map<String, WorkflowMeters> workflows = new ConcurrentHashMap<>();
    private volatile Function<String, Optional<WorkflowConfig>> configs = id -> Optional.empty();
    private volatile Supplier<Collection<WorkflowDefinition>> definitions = List::of;
    private volatile long generation;

    EngineMeters(MeterFactory meters, AlertOptions alertOptions, AlertMonitor alerts, BreakerMeters breakers) {
        this.meters = meters;
        this.alertOptions = alertOptions;
        this.alerts = alerts;
        this.breakers = breakers;
    }

    /** Where workflow configurations (their {@code monitoring} sections) are read. */
    void configurations(Function<String, Optional<WorkflowConfig>> source) {
        this.configs = source;
        configurationChanged();
    }

    /** The registered definitions (which steps call which breakers). */
    void definitions(Supplier<Collection<WorkflowDefinition>> source) {
        this.definitions = source;
    }

    /** Monitoring settings are resolved again on their next use. */
    void configurationChanged() {
        generation++;
    }

    WorkflowMeters workflow(String workflowId) {
        WorkflowMeters m = workflows.get(workflowId);
        return m != null ? m : workflows.computeIfAbsent(workflowId, id -> new WorkflowMeters(id, meters, alertOptions));
    }

    MonitoringSettings settings(WorkflowMeters m) {
        long current = generation;
        if (m.generation != current) {
            MonitoringSettings resolved;
            try {
                resolved = MonitoringSettings.of(configs.apply(m.workflowId));
            } catch (RuntimeException e) {
                log.warn("could not read the monitoring configuration of workflow {}: {}", m.workflowId, e.toString());
                resolved = MonitoringSettings.DEFAULT;
            }
            m.settings = resolved;
            m.generation = current;
        }
        return m.settings;
    }

    @Override
    public void statusChanged(StatusChange change) {
        if (change.from() == null) {
            workflow(change.workflowId()).started.increment();
            return;
        }
        WorkflowStatus to = change.to();
        if (to != WorkflowStatus.COMPLETED && to != WorkflowStatus.FAILED && to != WorkflowStatus.CANCELLED) {
            return;
        }
        WorkflowMeters m = workflow(change.workflowId());
        MonitoringSettings s = settings(m);
        switch (to) {
            case COMPLETED -> m.completed.increment();
            case FAILED -> m.failed(change.failureReason() == null ? "unknown" : change.failureReason()).increment();
            default -> m.cancelled.increment();
        }
        Duration took = change.startedAt() == null ? null : Duration.between(change.startedAt(), change.at());
        if (took != null && s.executionTime()) {
            m.execution(change.version(), to).record(took);
        }
        WorkflowMeters.SlaResult sla = null;
        if (s.sla() != null && to != WorkflowStatus.CANCELLED) {
            sla = to == WorkflowStatus.FAILED ? WorkflowMeters.SlaResult.FAILED
                    : took != null && took.compareTo(s.sla()) > 0 ? WorkflowMeters.SlaResult.LATE
                    : WorkflowMeters.SlaResult.MET;
            if (s.slaCompliance()) {
                m.sla(sla).increment();
            }
        }
        if (!s.alerts().isEmpty()) {
            alerts.finished(m, s, change, sla, took);
        }
    }

    @Override
    public void stepFinished(String workflowId, String stepName, Duration duration, boolean succeeded, String errorType) {
        WorkflowMeters m = workflow(workflowId);
        MonitoringSettings s = settings(m);
        if (s.stepDuration()) {
            WorkflowMeters.StepMeters step = m.step(stepName);
            (succeeded ? step.success : step.failure).record(duration);
        }
        if (!s.alerts().isEmpty()) {
            alerts.attempt(m, s, !succeeded);
        }
    }

    @Override
    public void stepRetryScheduled(String workflowId, String stepName, int attempt, Duration backoff) {
        WorkflowMeters m = workflow(workflowId);
        MonitoringSettings s = settings(m);
        if (s.retries()) {
            m.step(stepName).retries.increment();
        }
        if (!s.alerts().isEmpty()) {
            alerts.retried(m, s);
        }
    }

    @Override
    public void errorRecorded(ErrorRecord error) {
        WorkflowMeters m = workflow(error.workflowId());
        MonitoringSettings s = settings(m);
        if (s.errors()) {
            m.error(error.errorType(), error.retryable(), ReactoryMetrics.lower(error.action())).increment();
        }
        if (STEP_TIMEOUT.equals(error.errorType()) && !s.alerts().isEmpty()) {
            alerts.stepTimedOut(m, s, error.instanceId(), error.stepName());
        }
    }

    @Override
    public void circuitBreakerTransition(CircuitBreakerTransition transition) {
        breakers.transition(transition);
        if (transition.to() == CircuitBreakerState.OPEN) {
            for (String workflowId : workflowsCalling(transition.dependency())) {
                WorkflowMeters m = workflow(workflowId);
                MonitoringSettings s = settings(m);
                if (!s.alerts().isEmpty()) {
                    alerts.breakerOpened(m, s, transition.dependency(), transition.at());
                }
            }
        }
    }

    /** The dependencies the registered steps declare, so their breakers show before first use. */
    Set<String> declaredDependencies() {
        Set<String> out = new HashSet<>();
        for (WorkflowDefinition d : definitions.get()) {
            for (StepNode node : d.steps()) {
                if (node.policy().circuitBreaker() != null) {
                    out.add(node.policy().circuitBreaker());
                }
            }
        }
        return out;
    }

    private Set<String> workflowsCalling(String dependency) {
        Set<String> out = new HashSet<>();
        for (WorkflowDefinition d : definitions.get()) {
            for (StepNode node : d.steps()) {
                if (dependency.equals(node.policy().circuitBreaker())) {
                    out.add(d.id());
                }
            }
        }
        return out;
    }
}
