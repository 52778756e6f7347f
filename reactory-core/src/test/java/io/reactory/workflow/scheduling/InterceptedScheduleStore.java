package io.reactory.workflow.scheduling;

import io.reactory.workflow.persistence.ScheduleFire;
import io.reactory.workflow.persistence.ScheduleStore;
import io.reactory.workflow.persistence.ScheduleWrite;
import io.reactory.workflow.persistence.StoredSchedule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A schedule store that lets a test act between a node's reads and writes: run another node's pass right after
 * this node read what is due (a race, made deterministic), or make a write fail as if the node died there.
 */
final class InterceptedScheduleStore implements ScheduleStore {
    /** Thrown where the simulated node dies. An Error, so no part of a pass catches it: {@code runDue} throws it. */
    static final class NodeDied extends Error {
        NodeDied() {
            super("simulated node death");
        }
    }

    private final ScheduleStore delegate;
    volatile Runnable afterFindDue = () -> {};
    volatile Predicate<ScheduleWrite> dieBeforeWrite = w -> false;
    private boolean inHook;

    InterceptedScheduleStore(ScheduleStore delegate) {
        this.delegate = delegate;
    }

    @Override
    public List<StoredSchedule> findDue(Instant now, int limit) {
        List<StoredSchedule> due = delegate.findDue(now, limit);
        if (!inHook && !due.isEmpty()) {
            inHook = true;
            try {
                afterFindDue.run();
            } finally {
                inHook = false;
            }
        }
        return due;
    }

    @Override
    public ScheduleWrite.Result write(ScheduleWrite write) {
        if (dieBeforeWrite.test(write)) {
            throw new NodeDied();
        }
        return delegate.write(write);
    }

    @Override
    public boolean insert(StoredSchedule schedule) {
        return delegate.insert(schedule);
    }

    @Override
    public Optional<StoredSchedule> find(String scheduleId) {
        return delegate.find(scheduleId);
    }

    @Override
    public List<StoredSchedule> findAll() {
        return delegate.findAll();
    }

    @Override
    public Optional<Instant> nextFireTime() {
        return delegate.nextFireTime();
    }

    @Override
    public Set<String> workflowIds() {
        return delegate.workflowIds();
    }

    @Override
    public boolean delete(String scheduleId) {
        return delegate.delete(scheduleId);
    }

    @Override
    public Optional<ScheduleFire> findFire(String scheduleId, Instant fireTime) {
        return delegate.findFire(scheduleId, fireTime);
    }

    @Override
    public Optional<ScheduleFire> findFireByInstance(String instanceId) {
        return delegate.findFireByInstance(instanceId);
    }

    @Override
    public List<ScheduleFire> findFires(String scheduleId, Set<ScheduleFire.State> states, int limit) {
        return delegate.findFires(scheduleId, states, limit);
    }

    @Override
    public List<ScheduleFire> findFiresDue(Instant now, int limit) {
        return delegate.findFiresDue(now, limit);
    }

    @Override
    public Optional<Instant> nextFireCheck() {
        return delegate.nextFireCheck();
    }

    @Override
    public Map<ScheduleFire.State, Long> countOpenFires() {
        return delegate.countOpenFires();
    }

    @Override
    public int pruneFires(Instant finishedBefore, int limit) {
        return delegate.pruneFires(finishedBefore, limit);
    }
}
