package io.reactory.workflow.persistence.jdbc.durability;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.jdbc.DatabaseOptions;
import io.reactory.workflow.persistence.jdbc.Dialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the durability tests read back from the store the nodes share, and how they tell a node where it is. */
final class Stored {
    private static final int PAGE = 10_000;

    private Stored() {}

    /** The {@link EngineNode} arguments that open {@code database}. */
    static List<String> nodeArgs(DatabaseOptions database) {
        if (database.dialect() == Dialect.SQLITE) {
            return List.of("--sqlite", database.url().substring("jdbc:sqlite:".length()));
        }
        return List.of("--pg-url", database.url(), "--pg-user", database.user(),
                "--pg-password", database.password() == null ? "" : database.password(),
                "--schema", database.schema());
    }

    /** Every stored instance by id (read while no instance is being created). */
    static Map<String, WorkflowInstance> instances(WorkflowStore store) {
        Map<String, WorkflowInstance> all = new HashMap<>();
        for (int offset = 0; ; offset += PAGE) {
            List<WorkflowInstance> page = store.instances().find(
                    new InstanceQuery(null, null, null, null, null, null, offset, PAGE));
            page.forEach(i -> all.put(i.id, i));
            if (page.size() < PAGE) {
                return all;
            }
        }
    }

    /** The instances not finished yet (PENDING or RUNNING), at most 10,000. */
    static List<WorkflowInstance> unfinished(WorkflowStore store) {
        return store.instances().find(new InstanceQuery(Set.of(WorkflowStatus.PENDING, WorkflowStatus.RUNNING), null,
                null, null, null, null, 0, PAGE));
    }

    static long count(WorkflowStore store, WorkflowStatus status) {
        return store.instances().countByStatus().getOrDefault(status, 0L);
    }

    /** The instances of {@code all} not in {@code status}, for assertion messages. */
    static List<String> notIn(Map<String, WorkflowInstance> all, WorkflowStatus status) {
        List<String> others = new ArrayList<>();
        all.values().stream().filter(i -> i.status != status).limit(10)
                .forEach(i -> others.add(i.id + " " + i.status + " steps=" + i.stepsExecuted
                        + " lease=" + i.leaseOwner));
        return others;
    }

    /**
     * Step executions recorded in {@code effects} and not committed in {@code stored}, over {@code ids}: the steps that
     * were in flight when their node died (effect written, result not committed). Fails on an instance that
     * committed more steps than it recorded, which would mean a step's result was committed without its body running.
     */
    static long uncommitted(Effects effects, Map<String, WorkflowInstance> stored, Iterable<String> ids) {
        long inFlight = 0;
        for (String id : ids) {
            long diff = effects.executions(id) - stored.get(id).stepsExecuted;
            if (diff < 0) {
                throw new AssertionError("instance " + id + " committed " + stored.get(id).stepsExecuted
                        + " steps but recorded only " + effects.executions(id) + " executions");
            }
            inFlight += diff;
        }
        return inFlight;
    }

    /** Fails unless every step of every instance in {@code ids} has at least one recorded execution. */
    static void assertEveryStepRan(Effects effects, Iterable<String> ids) {
        for (String id : ids) {
            for (int step = 1; step <= FiveSteps.STEPS; step++) {
                if (effects.executions(id, step) < 1) {
                    throw new AssertionError("step " + step + " of instance " + id + " has no recorded execution");
                }
            }
        }
    }
}
