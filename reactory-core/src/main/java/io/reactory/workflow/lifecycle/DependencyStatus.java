package io.reactory.workflow.lifecycle;

import io.reactory.workflow.api.WorkflowStatus;
import java.time.Instant;

/**
 * One dependency of an instance and where it stands ({@link WorkflowLifecycleManager#getDependencies}).
 *
 * @param target          what it waits for: {@code data-extraction [reference 2026-11-25]} or an instance
 * @param state           whether it holds, still may, or never will
 * @param targetInstanceId the instance that decides it now (the latest one of the workflow), or null when none exists
 * @param targetStatus    that instance's status, or null
 * @param waitUntil       when waiting times out, or null
 * @param satisfiedAt     when all of the instance's dependencies were found met, or null
 */
public record DependencyStatus(String target, DependencyCondition condition, State state, String targetInstanceId,
                               WorkflowStatus targetStatus, Instant waitUntil, Instant satisfiedAt) {

    public enum State {
        /** The target has not reached the condition yet (or does not exist yet). */
        WAITING,
        /** The target reached the condition. */
        MET,
        /** The target ended in a way that can never meet the condition. */
        UNMEETABLE
    }
}
