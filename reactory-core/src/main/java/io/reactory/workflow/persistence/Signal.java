package io.reactory.workflow.persistence;

import java.time.Instant;

/**
 * A request for an instance that the engine holding it applies at its next step boundary: pause, resume, cancel,
 * retry, or an event to deliver. Requests are stored so that they reach the instance whichever node holds it.
 *
 * @param id    store-assigned, increasing
 * @param event for {@link Kind#EVENT}: the event to deliver; otherwise null
 */
public record Signal(long id, String instanceId, Kind kind, Event event, Instant createdAt) {
    public enum Kind {
        PAUSE,
        RESUME,
        CANCEL,
        /** Take a FAILED instance back to RUNNING from the failed step. */
        RETRY,
        EVENT
    }
}
