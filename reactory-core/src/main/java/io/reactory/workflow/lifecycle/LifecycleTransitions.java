package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.IllegalTransitionException;
import io.reactory.workflow.api.WorkflowStatus;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The specification's lifecycle state diagram, and nothing else:
 *
 * <pre>
 * PENDING → RUNNING                       (start execution)
 * RUNNING → PAUSED | COMPLETED | FAILED | CANCELLED
 * PAUSED  → RUNNING | CANCELLED           (resume, cancel)
 * FAILED  → RUNNING | CLEANING_UP         (retry, cleanup)
 * COMPLETED | CANCELLED → CLEANING_UP     (cleanup; CLEANING_UP ends with removal)
 * </pre>
 */
public final class LifecycleTransitions {
    private static final Map<WorkflowStatus, Set<WorkflowStatus>> ALLOWED = new EnumMap<>(WorkflowStatus.class);

    static {
        ALLOWED.put(WorkflowStatus.PENDING, EnumSet.of(WorkflowStatus.RUNNING));
        ALLOWED.put(WorkflowStatus.RUNNING, EnumSet.of(WorkflowStatus.PAUSED, WorkflowStatus.COMPLETED,
                WorkflowStatus.FAILED, WorkflowStatus.CANCELLED));
        ALLOWED.put(WorkflowStatus.PAUSED, EnumSet.of(WorkflowStatus.RUNNING, WorkflowStatus.CANCELLED));
        ALLOWED.put(WorkflowStatus.FAILED, EnumSet.of(WorkflowStatus.RUNNING, WorkflowStatus.CLEANING_UP));
        ALLOWED.put(WorkflowStatus.COMPLETED, EnumSet.of(WorkflowStatus.CLEANING_UP));
        ALLOWED.put(WorkflowStatus.CANCELLED, EnumSet.of(WorkflowStatus.CLEANING_UP));
        ALLOWED.put(WorkflowStatus.CLEANING_UP, EnumSet.noneOf(WorkflowStatus.class));
    }

    private LifecycleTransitions() {}

    public static boolean isAllowed(WorkflowStatus from, WorkflowStatus to) {
        return ALLOWED.get(from).contains(to);
    }

    /** The states reachable from {@code from} in one transition. */
    public static Set<WorkflowStatus> next(WorkflowStatus from) {
        return Set.copyOf(ALLOWED.get(from));
    }

    /**
     * @throws IllegalTransitionException naming the instance and both states when the diagram has no such arrow
     */
    public static void check(String instanceId, WorkflowStatus from, WorkflowStatus to) {
        if (!isAllowed(from, to)) {
            throw new IllegalTransitionException(instanceId, from, to);
        }
    }
}
