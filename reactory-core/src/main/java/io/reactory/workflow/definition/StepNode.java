package io.reactory.workflow.definition;

/**
 * One node of an immutable definition graph.
 *
 * @param id     index in {@link WorkflowDefinition#steps()}
 * @param name   unique within the definition
 * @param next   id of the step that follows in the same chain, or -1 at the end of a chain
 * @param parent id of the container or compensated step whose chain this node belongs to, or -1 in the main chain
 */
public record StepNode(int id, String name, StepKind kind, int next, int parent, StepPolicy policy) {

    public boolean isContainer() {
        return switch (kind) {
            case StepKind.Parallel p -> true;
            case StepKind.If i -> true;
            case StepKind.Decide d -> true;
            case StepKind.ForEach f -> true;
            case StepKind.While w -> true;
            case StepKind.Saga s -> true;
            default -> false;
        };
    }
}
