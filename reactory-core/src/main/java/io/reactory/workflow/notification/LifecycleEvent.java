package io.reactory.workflow.notification;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowStatus;
import java.time.Instant;

/**
 * A committed status change of an instance as other systems receive it (the JSON body of a lifecycle message).
 *
 * @param type          {@code workflow.<event>}
 * @param event         {@link #eventName}: created, started, paused, resumed, retried, completed, failed, cancelled,
 *                      cleaning_up
 * @param from          the previous status; null for {@code created}
 * @param failureReason why a failed instance failed ({@code STEP_FAILED}, {@code TIMEOUT}...), otherwise null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifecycleEvent(String type, String event, String instanceId, String workflowId, String version,
                             String namespace, String reference, WorkflowStatus from, WorkflowStatus to, Instant at,
                             Instant startedAt, String failureReason) {

    /** The event of {@code change}, with the instance's business reference (nullable). */
    public static LifecycleEvent of(StatusChange change, String reference) {
        String event = eventName(change.from(), change.to());
        return new LifecycleEvent("workflow." + event, event, change.instanceId(), change.workflowId(),
                change.version(), change.namespace(), reference, change.from(), change.to(), change.at(),
                change.startedAt(), change.to() == WorkflowStatus.FAILED ? change.failureReason() : null);
    }

    /**
     * The name of a transition, as routing keys and consumers see it: {@code created} (a new PENDING instance),
     * {@code started} (PENDING → RUNNING), {@code resumed} (PAUSED → RUNNING), {@code retried} (FAILED → RUNNING),
     * and the target status in lower case otherwise ({@code paused}, {@code completed}, {@code failed},
     * {@code cancelled}, {@code cleaning_up}).
     */
    public static String eventName(WorkflowStatus from, WorkflowStatus to) {
        if (from == null) {
            return "created";
        }
        if (to == WorkflowStatus.RUNNING) {
            return switch (from) {
                case PAUSED -> "resumed";
                case FAILED -> "retried";
                default -> "started";
            };
        }
        return to.name().toLowerCase(java.util.Locale.ROOT);
    }
}
