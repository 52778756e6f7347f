package io.reactory.workflow.definition;

import io.reactory.workflow.api.Workflow;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An immutable, validated workflow graph keyed by (id, version). Thread-safe.
 *
 * <pre>{@code
 * WorkflowDefinition definition = WorkflowDefinition.define("greet", "1", Map.class, b -> b
 *         .startWith("hello", ctx -> ExecutionResult.next()));
 * String diagram = definition.toMermaid();
 * }</pre>
 */
public final class WorkflowDefinition {
    private final String id;
    private final WorkflowVersion version;
    private final Class<?> dataType;
    private final List<StepNode> steps;
    private final int start;
    private final WorkflowOptions options;

    WorkflowDefinition(String id, WorkflowVersion version, Class<?> dataType, List<StepNode> steps, int start,
                       WorkflowOptions options) {
        this.id = id;
        this.version = version;
        this.dataType = dataType;
        this.steps = List.copyOf(steps);
        this.start = start;
        this.options = options;
    }

    /**
     * Builds the definition of a Java workflow.
     *
     * @throws DefinitionException when the graph is invalid (empty branch, duplicate step name...)
     */
    public static <D> WorkflowDefinition of(Workflow<D> workflow) {
        return define(workflow.id(), workflow.version(), workflow.dataType(), workflow::build);
    }

    /**
     * Builds a definition from a builder callback, without a {@link Workflow} class.
     *
     * @throws DefinitionException when the graph is invalid
     */
    public static <D> WorkflowDefinition define(String id, String version, Class<D> dataType,
                                                Consumer<WorkflowBuilder<D>> build) {
        if (id == null || id.isBlank()) {
            throw new DefinitionException(String.valueOf(id), version, "workflow id must not be blank");
        }
        String checkedVersion;
        try {
            checkedVersion = WorkflowVersion.parse(Objects.requireNonNull(version, "version")).text();
        } catch (IllegalArgumentException e) {
            throw new DefinitionException(id, version, e.getMessage());
        }
        WorkflowBuilder<D> builder = new WorkflowBuilder<>(id, checkedVersion, dataType);
        build.accept(builder);
        return builder.build();
    }

    public String id() {
        return id;
    }

    public WorkflowVersion version() {
        return version;
    }

    public Class<?> dataType() {
        return dataType;
    }

    /** Every node, indexed by its id. */
    public List<StepNode> steps() {
        return steps;
    }

    public StepNode step(int stepId) {
        return steps.get(stepId);
    }

    public Optional<StepNode> step(String name) {
        return steps.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /** Id of the first step of the main chain. */
    public int start() {
        return start;
    }

    public WorkflowOptions options() {
        return options;
    }

    /**
     * The same graph with other workflow-wide options (configuration applies {@code maxRetries} and {@code timeout}
     * this way, see {@code ConfiguredErrorHandling}). Steps are shared, not copied. Register it with
     * {@code WorkflowRegistry.replace}: instances of this version use it from their next round.
     */
    public WorkflowDefinition withOptions(WorkflowOptions value) {
        return new WorkflowDefinition(id, version, dataType, steps, start, Objects.requireNonNull(value, "options"));
    }

    /** The graph as a Mermaid flowchart, the notation the specification draws with. */
    public String toMermaid() {
        return new MermaidExporter(this).render();
    }

    @Override
    public String toString() {
        return "WorkflowDefinition[" + id + " v" + version + ", " + steps.size() + " steps]";
    }
}
