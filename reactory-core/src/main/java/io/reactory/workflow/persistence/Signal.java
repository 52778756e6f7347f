package io.reactory.workflow.persistence;

import java.time.Instant;

/**
 * A request for an instance that the engine holding it applies at its next step boundary: pause, resume, cancel,
 * retry, an event to deliver, or a wake-up. Requests are stored so that they reach the instance whichever node holds it.
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
        EVENT,
        /**
         * Look at the instance again: the LifecycleManager's wake-up for an instance waiting to start (a dependency
         * may hold now, a slot may be free) or one to check against its resource limits. Changes nothing by itself.
         */
        WAKE
    }
}
