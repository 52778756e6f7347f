package io.reactory.workflow.persistence;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** New instances for the store tests. */
public final class TestInstances {
    private TestInstances() {}

    /** A PENDING instance of workflow "wf" version 1, created and due at {@code now}, with data {@code {n: 1}}. */
    public static WorkflowInstance due(Instant now) {
        WorkflowInstance i = new WorkflowInstance();
        i.id = UUID.randomUUID().toString();
        i.workflowId = "wf";
        i.version = "1";
        i.data = Payload.of(Map.of("n", 1));
        i.createdAt = now;
        i.nextExecution = now;
        return i;
    }
}
