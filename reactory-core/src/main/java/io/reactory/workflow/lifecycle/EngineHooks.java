package io.reactory.workflow.lifecycle;

import io.reactory.workflow.config.WorkflowConfig;
import io.reactory.workflow.execution.LifecycleHooks;
import io.reactory.workflow.persistence.DependencyRecord;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import io.reactory.workflow.persistence.LifecycleStore.Admission;
import io.reactory.workflow.persistence.LifecycleStore.AdmissionRequest;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The LifecycleManager inside the engine: it stores the dependencies of new instances, gates PENDING instances on
 * them and on the concurrency limits, and names each workflow's resource limits.
 */
final class EngineHooks implements LifecycleHooks {
    private final LifecycleContext ctx;
    private final Dependencies dependencies;

    EngineHooks(LifecycleContext ctx, Dependencies dependencies) {
        this.ctx = ctx;
        this.dependencies = dependencies;
    }

    @Override
    public void beforeCreate(WorkflowInstance instance, Object context) {
        Limits limits = ctx.limits;
        InstanceRequest request = context instanceof InstanceRequest r ? r : null;
        List<WorkflowDependency> asked = new ArrayList<>();
        for (WorkflowConfig.Dependency configured : limits.configuredDependencies(instance.workflowId)) {
            asked.add(WorkflowDependency.of(configured));
        }
        if (request != null) {
            asked.addAll(request.dependencies());
        }
        if (!asked.isEmpty()) {
            Duration timeout = request != null && request.dependencyTimeout() != null ? request.dependencyTimeout()
                    : ctx.options.dependencyTimeout();
            UnmetDependencyPolicy policy = request != null && request.onUnmetDependency() != null
                    ? request.onUnmetDependency() : ctx.options.onUnmetDependency();
            List<DependencyRecord> records = dependencies.resolve(instance, asked, timeout, policy, instance.createdAt);
            dependencies.checkCycles(instance, records);
            // Written before the instance exists, so whoever claims it sees them; rows of a start that then fails
            // are removed by the sweep (deleteOrphans).
            ctx.lifecycle.addDependencies(records);
            records.forEach(r -> ctx.targetWorkflows.add(r.targetWorkflowId()));
            instance.gated = true;
        }
        if (limits.admits(instance.workflowId)) {
            instance.gated = true;
        }
    }

    @Override
    public void notCreated(WorkflowInstance instance, String existingId) {
        if (instance.gated) {
            ctx.lifecycle.deleteDependencies(java.util.Set.of(instance.id));
        }
    }

    @Override
    public boolean gates(WorkflowInstance instance) {
        return instance.gated || ctx.limits.admits(instance.workflowId);
    }

    @Override
    public StartDecision decide(WorkflowInstance instance, Instant now) {
        if (instance.gated) {
            List<DependencyRecord> records = ctx.lifecycle.dependencies(instance.id);
            StartDecision waiting = ctx.evaluator.decide(instance.id, records, now);
            if (waiting != null) {
                return waiting;
            }
            if (records.stream().anyMatch(d -> d.satisfiedAt() == null)) {
                ctx.lifecycle.satisfy(instance.id, now);
                Duration waited = Duration.between(instance.createdAt, now);
                ctx.report(l -> l.dependenciesMet(instance.id, instance.workflowId, waited));
            }
        }
        return new StartDecision.Proceed(ctx.limits.admits(instance.workflowId));
    }

    @Override
    public Admission admit(InstanceCommit started, Instant now) {
        Limits limits = ctx.limits;
        WorkflowInstance i = started.instance();
        Admission admission = ctx.lifecycle.admit(started, new AdmissionRequest(limits.concurrency(i.workflowId),
                limits.globalConcurrency(), rank(i, ctx.options.agingStep())));
        switch (admission) {
            case ADMITTED -> {
                Duration waited = Duration.between(i.createdAt, now);
                ctx.report(l -> l.admitted(i.id, i.workflowId, waited));
            }
            case QUEUED_FOR_WORKFLOW -> ctx.report(l -> l.queued(i.id, i.workflowId, false));
            case QUEUED_FOR_GLOBAL -> ctx.report(l -> l.queued(i.id, i.workflowId, true));
            case LEASE_LOST -> {
            }
        }
        return admission;
    }

    /**
     * The admission queue's order: creation time plus one aging step per priority level below high, so priorities
     * decide among instances created close together and age decides beyond that (nothing starves).
     */
    static Instant rank(WorkflowInstance i, Duration agingStep) {
        return i.createdAt.plus(agingStep.multipliedBy(i.priority.ordinal()));
    }

    @Override
    public ResourceLimits limits(String workflowId) {
        return ctx.limits.resources(workflowId);
    }
}
