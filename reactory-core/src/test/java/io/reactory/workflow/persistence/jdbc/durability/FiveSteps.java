package io.reactory.workflow.persistence.jdbc.durability;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StepBody;
import io.reactory.workflow.api.Workflow;
import io.reactory.workflow.definition.FlowBuilder;
import io.reactory.workflow.definition.WorkflowBuilder;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BiConsumer;

/**
 * The durability tests' workflow: five steps in a row, each recording its execution in the {@link EffectLog} (the
 * externally visible side effect) and in the instance data (which node ran which step, as committed).
 */
final class FiveSteps implements Workflow<FiveSteps.Trail> {
    static final String ID = "durability-five-steps";
    static final int STEPS = 5;

    /** The workflow data: step number → id of the node whose execution of it was committed. */
    public static final class Trail {
        public Map<String, String> ranBy = new LinkedHashMap<>();
    }

    private final String node;
    private final EffectLog effects;
    private final Duration stepTime;
    private final int blockStep;
    private final CountDownLatch release;
    private final BiConsumer<String, Integer> blocked;

    /**
     * @param stepTime  how long each step works (simulated I/O), or zero
     * @param blockStep the step (1-5) whose executions wait for {@code release} before doing their work, or 0
     * @param blocked   told (instance id, step) when an execution starts waiting for {@code release}
     */
    FiveSteps(String node, EffectLog effects, Duration stepTime, int blockStep, CountDownLatch release,
              BiConsumer<String, Integer> blocked) {
        this.node = node;
        this.effects = effects;
        this.stepTime = stepTime;
        this.blockStep = blockStep;
        this.release = release;
        this.blocked = blocked;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public Class<Trail> dataType() {
        return Trail.class;
    }

    @Override
    public void build(WorkflowBuilder<Trail> builder) {
        FlowBuilder<Trail> chain = builder.startWith("step-1", step(1));
        for (int k = 2; k <= STEPS; k++) {
            chain = chain.then("step-" + k, step(k));
        }
    }

    private StepBody<Trail> step(int k) {
        return ctx -> {
            if (k == blockStep) {
                blocked.accept(ctx.instanceId(), k);
                release.await();
            }
            if (!stepTime.isZero()) {
                Thread.sleep(stepTime); // the step's own work (a call to a slow service), not a wait for the test
            }
            effects.record(ctx.instanceId(), k, node);
            ctx.data().ranBy.put(String.valueOf(k), node);
            return ExecutionResult.next();
        };
    }
}
