package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.DependencyRecord;
import io.reactory.workflow.persistence.ErrorRecord;
import io.reactory.workflow.persistence.Event;
import io.reactory.workflow.persistence.ExecutionPointer;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.PointerStatus;
import io.reactory.workflow.persistence.Signal;
import io.reactory.workflow.persistence.StoreObserver;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/** Everything the in-memory store holds, guarded by one lock (batches keep contention low). */
final class MemoryState {
    final ReentrantLock lock = new ReentrantLock();
    final CopyOnWriteArrayList<Runnable> listeners = new CopyOnWriteArrayList<>();
    final CopyOnWriteArrayList<StoreObserver> observers = new CopyOnWriteArrayList<>();

    final Map<String, Entry> byId = new HashMap<>();
    /** Instances per status, kept with every write so counting them (metrics scrapes) does not scan the store. */
    final long[] byStatus = new long[io.reactory.workflow.api.WorkflowStatus.values().length];
    final Map<String, String> byIdempotencyKey = new HashMap<>();
    /** Unleased instances with a due time, earliest first. */
    final TreeSet<Due> due = new TreeSet<>();
    /** Unleased instances with pending signals, in signalling order. */
    final LinkedHashSet<String> signalled = new LinkedHashSet<>();
    /** Leased instances by lease expiry, to take over expired leases. */
    final TreeSet<Due> leases = new TreeSet<>();

    final Map<String, List<Event>> eventsByKey = new HashMap<>();
    final Map<String, Event> eventsById = new HashMap<>();
    final Map<String, Set<Subscription>> subscriptionsByKey = new HashMap<>();
    /** Unpublished outbox messages by sequence. */
    final TreeMap<Long, OutboxMessage> outbox = new TreeMap<>();
    long outboxSeq;
    String relayOwner;
    Instant relayLeaseExpires;
    /** Error records per instance, oldest first (insertion order of instances kept for summaries). */
    final Map<String, List<ErrorRecord>> errorsByInstance = new LinkedHashMap<>();
    /** Dependencies by dependent id (ordered, so sweeps can page), and dependents by the workflow they wait for. */
    final TreeMap<String, List<DependencyRecord>> dependencies = new TreeMap<>();
    final Map<String, Set<String>> dependentsByTargetWorkflow = new HashMap<>();
    /** The admission queue: entries by instance id, and ordered per scope (a workflow's id, or {@link #GLOBAL}). */
    final Map<String, QueueEntry> queued = new HashMap<>();
    final Map<String, TreeSet<QueueEntry>> queues = new HashMap<>();
    static final String GLOBAL = "\u0000global";
    /** RUNNING instances per workflow and in all, kept with every status change under the lock (never drifts). */
    final Map<String, int[]> runningByWorkflow = new HashMap<>();
    int runningTotal;
    long eventSeq;
    long signalSeq;
    long dueSeq;
    long errorSeq;

    /** A stored instance with what the store keeps about it beside its state. */
    static final class Entry {
        WorkflowInstance instance;
        Instant leaseExpires;
        Due dueKey;
        Due leaseKey;
        final List<Signal> signals = new ArrayList<>(0);
        List<Subscription> subscriptions = List.of();

        Entry(WorkflowInstance instance) {
            this.instance = instance;
        }

        boolean leased() {
            return instance.leaseOwner != null;
        }
    }

    /** A position in the due or lease index; points at its entry so claims need no map lookup. */
    record Due(Instant at, long seq, Entry entry) implements Comparable<Due> {
        @Override
        public int compareTo(Due o) {
            int c = at.compareTo(o.at);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }

    /** An instance queued for a limit: {@code scope} is its workflow's id or {@link #GLOBAL}. */
    record QueueEntry(Instant rank, String instanceId, String workflowId, String scope) implements Comparable<QueueEntry> {
        @Override
        public int compareTo(QueueEntry o) {
            int c = rank.compareTo(o.rank);
            return c != 0 ? c : instanceId.compareTo(o.instanceId);
        }
    }

    /** Keeps the RUNNING counts; called with the stored status before and after every write. */
    void statusChanged(String workflowId, WorkflowStatus from, WorkflowStatus to) {
        if (from == to) {
            return;
        }
        if (from == WorkflowStatus.RUNNING) {
            runningTotal--;
            int[] count = runningByWorkflow.get(workflowId);
            if (count != null && --count[0] == 0) {
                runningByWorkflow.remove(workflowId);
            }
        }
        if (to == WorkflowStatus.RUNNING) {
            runningTotal++;
            runningByWorkflow.computeIfAbsent(workflowId, k -> new int[1])[0]++;
        }
    }

    int running(String workflowId) {
        int[] count = runningByWorkflow.get(workflowId);
        return count == null ? 0 : count[0];
    }

    void dequeue(String instanceId) {
        QueueEntry entry = queued.remove(instanceId);
        if (entry != null) {
            TreeSet<QueueEntry> queue = queues.get(entry.scope());
            queue.remove(entry);
            if (queue.isEmpty()) {
                queues.remove(entry.scope());
            }
        }
    }

    /**
     * Queues a wake-up for an instance unless an unheld one has one queued already; true when one was added. A held
     * instance always gets a new one: its holder may have taken the queued one with its claim, and is deciding on what
     * it saw then.
     */
    boolean addWake(Entry entry, Instant at) {
        if (!entry.leased()) {
            for (Signal existing : entry.signals) {
                if (existing.kind() == Signal.Kind.WAKE) {
                    return false;
                }
            }
        }
        entry.signals.add(new Signal(++signalSeq, entry.instance.id, Signal.Kind.WAKE, null, at));
        if (!entry.leased()) {
            signalled.add(entry.instance.id);
        }
        return true;
    }

    record Subscription(String instanceId, String key, Instant asOf, long afterSeq) {}

    /** The start of a timed operation: 0 (and no clock read) while nobody observes the store. */
    long startTiming() {
        return observers.isEmpty() ? 0L : System.nanoTime();
    }

    /** Reports an operation begun at {@code started} (from {@link #startTiming}) to the observers. */
    void timed(String operation, long started, int items) {
        if (started != 0L) {
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            for (StoreObserver observer : observers) {
                observer.operation(operation, took, items, true);
            }
        }
    }

    void index(Entry entry) {
        unindex(entry);
        WorkflowInstance i = entry.instance;
        if (i.leaseOwner != null) {
            entry.leaseKey = new Due(entry.leaseExpires, ++dueSeq, entry);
            leases.add(entry.leaseKey);
            return;
        }
        if (i.nextExecution != null) {
            entry.dueKey = new Due(i.nextExecution, ++dueSeq, entry);
            due.add(entry.dueKey);
        }
        if (!entry.signals.isEmpty()) {
            signalled.add(i.id);
        }
    }

    void unindex(Entry entry) {
        if (entry.dueKey != null) {
            due.remove(entry.dueKey);
            entry.dueKey = null;
        }
        if (entry.leaseKey != null) {
            leases.remove(entry.leaseKey);
            entry.leaseKey = null;
        }
        signalled.remove(entry.instance.id);
    }

    /** Rebuilds the subscriptions of an instance from its waiting pointers; signals matching stored events. */
    boolean resubscribe(Entry entry) {
        for (Subscription old : entry.subscriptions) {
            Set<Subscription> set = subscriptionsByKey.get(old.key());
            if (set != null) {
                set.remove(old);
                if (set.isEmpty()) {
                    subscriptionsByKey.remove(old.key());
                }
            }
        }
        WorkflowInstance i = entry.instance;
        List<Subscription> current = new ArrayList<>(1);
        boolean signalledAny = false;
        for (ExecutionPointer p : i.pointers) {
            if (p.status != PointerStatus.WAITING_EVENT || p.eventId != null) {
                continue;
            }
            String key = WorkflowInstance.cursorKey(p.eventName, p.eventKey);
            Subscription s = new Subscription(i.id, key, i.createdAt, i.eventCursors.getOrDefault(key, 0L));
            current.add(s);
            subscriptionsByKey.computeIfAbsent(key, k -> new HashSet<>()).add(s);
            for (Event event : eventsByKey.getOrDefault(key, List.of())) {
                if (matches(s, event)) {
                    signalledAny |= addEventSignal(entry, event);
                    break;
                }
            }
        }
        entry.subscriptions = current;
        return signalledAny;
    }

    static boolean matches(Subscription s, Event event) {
        return event.seq() > s.afterSeq() && !event.publishedAt().isBefore(s.asOf());
    }

    boolean addEventSignal(Entry entry, Event event) {
        for (Signal existing : entry.signals) {
            if (existing.kind() == Signal.Kind.EVENT && existing.event().id().equals(event.id())) {
                return false;
            }
        }
        entry.signals.add(new Signal(++signalSeq, entry.instance.id, Signal.Kind.EVENT, event, event.publishedAt()));
        if (!entry.leased()) {
            signalled.add(entry.instance.id);
        }
        return true;
    }

    void removeSubscriptions(Entry entry) {
        for (Subscription old : entry.subscriptions) {
            Set<Subscription> set = subscriptionsByKey.get(old.key());
            if (set != null) {
                set.remove(old);
                if (set.isEmpty()) {
                    subscriptionsByKey.remove(old.key());
                }
            }
        }
        entry.subscriptions = List.of();
    }

    void appendOutbox(List<OutboxMessage> messages) {
        for (OutboxMessage message : messages) {
            outbox.put(++outboxSeq, message);
        }
    }

    /** Stores the error records of an accepted commit; the caller holds the lock. */
    void addErrors(List<ErrorRecord> records) {
        for (ErrorRecord record : records) {
            errorsByInstance.computeIfAbsent(record.instanceId(), id -> new ArrayList<>(2)).add(record.withId(++errorSeq));
        }
    }

    void wake() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }
}
