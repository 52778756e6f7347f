package io.reactory.workflow.api;

import java.time.Instant;

/**
 * One step activation of an instance, for status pages and history.
 *
 * @param status   PENDING, SLEEPING, WAITING_EVENT, WAITING_CHILDREN, COMPENSATING, COMPLETE, FAILED, CANCELLED or
 *                 COMPENSATED
 * @param attempts attempts made so far (failures, plus one once it completed)
 * @param wakeAt   when a sleeping or backing-off step runs next, or null
 */
public record StepInfo(int pointerId, String stepName, String kind, String status, int attempts, Instant startedAt,
                       Instant endedAt, Instant wakeAt, String waitingForEvent, String errorType, String errorMessage,
                       Integer itemIndex) {}
