package io.reactory.workflow.api;

import io.reactory.workflow.definition.WorkflowBuilder;

/**
 * A workflow written in Java, as in the specification's definition patterns.
 *
 * <pre>{@code
 * public class SimpleWorkflow implements Workflow<Map<String, Object>> {
 *     public String id() { return "simple-workflow"; }
 *     public Class<Map<String, Object>> dataType() { ... }
 *     public void build(WorkflowBuilder<Map<String, Object>> builder) {
 *         builder.startWith(InitializeStep.class)
 *                .then(ProcessDataStep.class)
 *                .then(SaveResultsStep.class);
 *     }
 * }
 * }</pre>
 *
 * @param <D> the data type of its instances; must be JSON-serializable (Jackson) for the durable stores
 */
public interface Workflow<D> {
    String id();

    /** The version; instances finish on the version they started with. "1" and "1.0" are the same version. */
    default String version() {
        return "1";
    }

    Class<D> dataType();

    void build(WorkflowBuilder<D> builder);
}
