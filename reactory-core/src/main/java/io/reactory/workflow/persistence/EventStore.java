package io.reactory.workflow.persistence;

import java.time.Instant;
import java.util.Optional;

/**
 * Published events. A pointer waiting for an event is a subscription, derived by the store from the instance's
 * pointers when it is committed ({@link InstanceStore.InstanceCommit#subscriptionsChanged()}). Publishing queues an
 * {@link Signal.Kind#EVENT} signal for every matching subscription; committing a new subscription queues one for the
 * oldest matching event already published (so an event published before the workflow reached {@code waitFor} is
 * still delivered). An event matches a subscription when name and key are equal, it was published at or after the
 * instance was created, and its sequence number is above the instance's cursor for that name and key.
 */
public interface EventStore {

    /** Stores the event and signals the instances waiting for it. */
    Event publish(String eventName, String eventKey, Payload data, Instant publishedAt);

    Optional<Event> find(String eventId);

    /** Deletes events published before {@code cutoff}; returns how many. */
    int deletePublishedBefore(Instant cutoff);
}
