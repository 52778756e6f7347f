package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.internal.Ids;
import io.reactory.workflow.persistence.Event;
import io.reactory.workflow.persistence.EventStore;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

final class MemoryEventStore implements EventStore {
    private final MemoryState state;

    MemoryEventStore(MemoryState state) {
        this.state = state;
    }

    @Override
    public Event publish(String eventName, String eventKey, Payload data, Instant publishedAt) {
        boolean signalled = false;
        Event event;
        state.lock.lock();
        try {
            event = new Event(Ids.newId(publishedAt.toEpochMilli()), eventName, eventKey, data, publishedAt, ++state.eventSeq);
            String key = WorkflowInstance.cursorKey(eventName, eventKey);
            state.eventsByKey.computeIfAbsent(key, k -> new ArrayList<>(1)).add(event);
            state.eventsById.put(event.id(), event);
            for (MemoryState.Subscription s : state.subscriptionsByKey.getOrDefault(key, java.util.Set.of())) {
                MemoryState.Entry entry = state.byId.get(s.instanceId());
                if (entry != null && MemoryState.matches(s, event)) {
                    signalled |= state.addEventSignal(entry, event);
                }
            }
        } finally {
            state.lock.unlock();
        }
        if (signalled) {
            state.wake();
        }
        return event;
    }

    @Override
    public Optional<Event> find(String eventId) {
        state.lock.lock();
        try {
            return Optional.ofNullable(state.eventsById.get(eventId));
        } finally {
            state.lock.unlock();
        }
    }

    @Override
    public int deletePublishedBefore(Instant cutoff) {
        state.lock.lock();
        try {
            int removed = 0;
            for (Iterator<Map.Entry<String, List<Event>>> it = state.eventsByKey.entrySet().iterator(); it.hasNext(); ) {
                List<Event> events = it.next().getValue();
                for (Iterator<Event> e = events.iterator(); e.hasNext(); ) {
                    Event event = e.next();
                    if (event.publishedAt().isBefore(cutoff)) {
                        e.remove();
                        state.eventsById.remove(event.id());
                        removed++;
                    }
                }
                if (events.isEmpty()) {
                    it.remove();
                }
            }
            return removed;
        } finally {
            state.lock.unlock();
        }
    }
}
