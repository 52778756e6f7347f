package io.reactory.bench;

import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;

/** Opens the store a benchmark asked for with {@code --store}. */
final class Stores {
    private Stores() {}

    static WorkflowStore open(BenchOptions options) {
        return switch (options.store()) {
            case "memory" -> new InMemoryWorkflowStore();
            default -> throw new IllegalArgumentException("unknown store '" + options.store() + "'; known: "
                    + String.join(", ", BenchOptions.storeNames()));
        };
    }
}
