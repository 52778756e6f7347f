package io.reactory.examples;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.lifecycle.InstanceRequest;
import io.reactory.workflow.lifecycle.LifecycleOptions;
import io.reactory.workflow.lifecycle.RetentionOptions;
import io.reactory.workflow.lifecycle.WorkflowDependency;
import io.reactory.workflow.lifecycle.WorkflowLifecycleManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The specification's dependency-based execution: {@code process-results} for a business date waits until
 * {@code data-extraction} and {@code validation} for that date have completed.
 */
public final class Pipeline {
    private Pipeline() {}

    /** Data of the pipeline's workflows. */
    public static class Batch {
        public List<String> done = new ArrayList<>();
    }

    /** The three workflows: one step each, recording that it ran. */
    public static List<WorkflowDefinition> definitions() {
        List<WorkflowDefinition> out = new ArrayList<>();
        for (String id : List.of("data-extraction", "validation", "process-results")) {
            out.add(WorkflowDefinition.define(id, "1", Batch.class, b -> b
                    .startWith(id, ctx -> {
                        ctx.data().done.add(id + " " + ctx.reference());
                        return ExecutionResult.next();
                    })));
        }
        return out;
    }

    /** The LifecycleManager and the instance of {@code process-results} that waits. */
    public record Started(WorkflowLifecycleManager lifecycle, String results) {}

    /** Starts the pipeline for one business date on {@code runner}. */
    public static Started start(WorkflowRunner runner, String businessDate) {
        // tag::lifecycle[]
        WorkflowLifecycleManager lifecycle = WorkflowLifecycleManager.builder(runner)
                .options(LifecycleOptions.builder()
                        .concurrency("data-extraction", 2)             // at most 2 RUNNING, the others queue
                        .dependencyTimeout(Duration.ofHours(6))        // then the dependent fails: DEPENDENCY_TIMEOUT
                        .retention(RetentionOptions.DEFAULT.withCompleted(Duration.ofDays(3)))
                        .build())
                .build();
        lifecycle.initialize();                                        // wake-ups, safety-net sweep, cleanup

        String results = lifecycle.createInstance(InstanceRequest.builder("process-results")
                .reference(businessDate)                               // what the dependencies correlate by
                .dependsOn(WorkflowDependency.of("data-extraction", "completed"),
                        WorkflowDependency.of("validation", "completed"))
                .build());                                             // PENDING until both have completed
        runner.startWorkflow("data-extraction", null, null, StartOptions.DEFAULT.withReference(businessDate));
        runner.startWorkflow("validation", null, null, StartOptions.DEFAULT.withReference(businessDate));
        // end::lifecycle[]
        return new Started(lifecycle, results);
    }
}
