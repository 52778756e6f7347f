package io.reactory.workflow.definition;

import io.reactory.workflow.resilience.ErrorBehavior;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.Objects;

/**
 * The builder a {@link io.reactory.workflow.api.Workflow} receives: the main chain plus workflow-wide options.
 *
 * @param <D> the workflow's data type
 */
public final class WorkflowBuilder<D> extends FlowBuilder<D> {
    private final Class<D> dataType;
    private WorkflowOptions options = WorkflowOptions.DEFAULT;

    WorkflowBuilder(String workflowId, String version, Class<D> dataType) {
        super(new Graph(workflowId, version), new Graph.Chain(-1));
        this.dataType = Objects.requireNonNull(dataType, "dataType");
    }

    public WorkflowBuilder<D> description(String description) {
        options = new WorkflowOptions(description, options.defaultRetry(), options.defaultOnError(), options.timeout());
        return this;
    }

    /** Retry options of every step that declares none. */
    public WorkflowBuilder<D> defaultRetry(RetryOptions retry) {
        options = new WorkflowOptions(options.description(), retry, options.defaultOnError(), options.timeout());
        return this;
    }

    /** Failure behaviour of every step that declares none. */
    public WorkflowBuilder<D> defaultOnError(ErrorBehavior behavior) {
        options = new WorkflowOptions(options.description(), options.defaultRetry(), behavior, options.timeout());
        return this;
    }

    /** The whole instance fails with reason TIMEOUT when it has not finished this long after it started. */
    public WorkflowBuilder<D> workflowTimeout(Duration timeout) {
        options = new WorkflowOptions(options.description(), options.defaultRetry(), options.defaultOnError(), timeout);
        return this;
    }

    WorkflowDefinition build() {
        if (chain.isEmpty()) {
            throw graph.error("the workflow has no step");
        }
        return new WorkflowDefinition(graph.workflowId, WorkflowVersion.parse(graph.version), dataType,
                graph.freeze(), chain.first, options);
    }
}
