package io.reactory.workflow.scheduling;

import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.ScheduleStore;
import io.reactory.workflow.persistence.StoredSchedule;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What the parts of one scheduler share: collaborators, parsed schedules, listeners and this node's counters. */
final class SchedulerContext {
    private static final Logger log = LoggerFactory.getLogger(SchedulerContext.class);
    private static final int MAX_ERROR_LENGTH = 500;

    final ScheduleStore store;
    final InstanceStore instances;
    final WorkflowRunner runner;
    final Clock clock;
    final SchedulerOptions options;
    private final List<SchedulerListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Parsed> parsed = new ConcurrentHashMap<>();
    /** Workflows some schedule starts: finished instances of other workflows need no look-up. */
    final Set<String> scheduledWorkflows = ConcurrentHashMap.newKeySet();
    /** Workflows found not scheduled at the last refresh (forgotten at each periodic refresh). */
    final Set<String> notScheduled = ConcurrentHashMap.newKeySet();

    final LongAdder fired = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder skipped = new LongAdder();
    final LongAdder completed = new LongAdder();
    final LongAdder failed = new LongAdder();
    final AtomicLong maxLatenessNanos = new AtomicLong();

    private record Parsed(long definitionVersion, Schedule schedule) {}

    SchedulerContext(ScheduleStore store, WorkflowRunner runner, Clock clock, SchedulerOptions options) {
        this.store = store;
        this.instances = runner.store().instances();
        this.runner = runner;
        this.clock = clock;
        this.options = options;
    }

    /**
     * The stored schedule's configuration, parsed once per definition version (cron parsing costs more than a
     * firing).
     *
     * @throws InvalidScheduleException when the stored configuration is no longer valid
     */
    Schedule schedule(StoredSchedule stored) {
        Parsed hit = parsed.get(stored.id);
        if (hit != null && hit.definitionVersion() == stored.definitionVersion) {
            return hit.schedule();
        }
        Schedule schedule = Schedule.from(stored.config);
        parsed.put(stored.id, new Parsed(stored.definitionVersion, schedule));
        markScheduled(schedule.workflowId());
        return schedule;
    }

    /** Some schedule starts this workflow: the ends of its instances concern the scheduler. */
    void markScheduled(String workflowId) {
        scheduledWorkflows.add(workflowId);
        notScheduled.remove(workflowId);
    }

    /** Keeps what {@code addSchedule}/{@code updateSchedule} parsed, so the timer thread need not parse it again. */
    void remember(String scheduleId, long definitionVersion, Schedule schedule) {
        parsed.put(scheduleId, new Parsed(definitionVersion, schedule));
        markScheduled(schedule.workflowId());
    }

    void forget(String scheduleId) {
        parsed.remove(scheduleId);
    }

    void addListener(SchedulerListener listener) {
        listeners.add(listener);
    }

    void emit(SchedulerEvent event) {
        for (SchedulerListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("a scheduler listener failed on {}: {}", event.getClass().getSimpleName(), e.toString());
            }
        }
    }

    void recordLateness(Duration lateness) {
        maxLatenessNanos.accumulateAndGet(Math.max(0, lateness.toNanos()), Math::max);
    }

    /** An error for fire records and events: type and first line of the message, bounded. */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        return bounded(e.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message));
    }

    static String bounded(String text) {
        return text == null || text.length() <= MAX_ERROR_LENGTH ? text : text.substring(0, MAX_ERROR_LENGTH);
    }
}
