package io.reactory.workflow.persistence.memory;

import io.reactory.workflow.persistence.ScheduleFire;
import io.reactory.workflow.persistence.ScheduleStore;
import io.reactory.workflow.persistence.ScheduleWrite;
import io.reactory.workflow.persistence.StoredSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Schedules and fire records in the heap, with the semantics of the durable stores (compare-and-set writes, unique
 * fire keys, indexes by next fire time and by check time). One lock; copies in and out. Thread-safe.
 */
final class MemoryScheduleStore implements ScheduleStore {
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, StoredSchedule> schedules = new HashMap<>();
    /** Active schedules by next fire time. */
    private final TreeSet<Key> due = new TreeSet<>();
    private final Map<String, TreeMap<Instant, ScheduleFire>> fires = new HashMap<>();
    /** Fire records that are not finished, per schedule: what overlap decisions read. */
    private final Map<String, TreeMap<Instant, ScheduleFire>> open = new HashMap<>();
    private final TreeSet<Key> checks = new TreeSet<>();
    private final TreeSet<Key> finished = new TreeSet<>();
    private final Map<String, ScheduleFire> byInstance = new HashMap<>();

    /** An index entry: a time, then the schedule id and fire time that make it unique. */
    private record Key(Instant at, String scheduleId, Instant fireTime) implements Comparable<Key> {
        private static final Comparator<Key> ORDER = Comparator.comparing(Key::at).thenComparing(Key::scheduleId)
                .thenComparing(Key::fireTime, Comparator.nullsFirst(Comparator.naturalOrder()));

        @Override
        public int compareTo(Key o) {
            return ORDER.compare(this, o);
        }
    }

    @Override
    public boolean insert(StoredSchedule schedule) {
        return locked(() -> {
            if (schedules.containsKey(schedule.id)) {
                return false;
            }
            StoredSchedule stored = schedule.copy();
            stored.revision = 1;
            putSchedule(stored);
            return true;
        });
    }

    @Override
    public Optional<StoredSchedule> find(String scheduleId) {
        return locked(() -> Optional.ofNullable(schedules.get(scheduleId)).map(StoredSchedule::copy));
    }

    @Override
    public List<StoredSchedule> findAll() {
        return locked(() -> schedules.values().stream().sorted(Comparator.comparing(s -> s.id))
                .map(StoredSchedule::copy).toList());
    }

    @Override
    public List<StoredSchedule> findDue(Instant now, int limit) {
        return locked(() -> {
            List<StoredSchedule> result = new ArrayList<>();
            for (Key key : due) {
                if (key.at().isAfter(now) || result.size() >= limit) {
                    break;
                }
                result.add(schedules.get(key.scheduleId()).copy());
            }
            return result;
        });
    }

    @Override
    public Optional<Instant> nextFireTime() {
        return locked(() -> due.isEmpty() ? Optional.empty() : Optional.of(due.first().at()));
    }

    @Override
    public Set<String> workflowIds() {
        return locked(() -> {
            Set<String> ids = new java.util.HashSet<>();
            for (StoredSchedule s : schedules.values()) {
                if (s.config != null && s.config.workflow() != null && s.config.workflow().id() != null) {
                    ids.add(s.config.workflow().id());
                }
            }
            return ids;
        });
    }

    @Override
    public boolean delete(String scheduleId) {
        return locked(() -> {
            StoredSchedule removed = schedules.remove(scheduleId);
            if (removed != null && removed.active()) {
                due.remove(new Key(removed.nextFireTime, removed.id, null));
            }
            return removed != null;
        });
    }

    @Override
    public ScheduleWrite.Result write(ScheduleWrite write) {
        return locked(() -> {
            StoredSchedule current = write.schedule() == null ? null : schedules.get(write.schedule().id);
            if (write.schedule() != null && (current == null || current.revision != write.schedule().revision)) {
                return ScheduleWrite.Result.CONFLICT;
            }
            for (ScheduleFire update : write.updates()) {
                ScheduleFire stored = fire(update.scheduleId, update.fireTime);
                if (stored == null || stored.revision != update.revision) {
                    return ScheduleWrite.Result.CONFLICT;
                }
            }
            StoredSchedule writtenSchedule = null;
            if (write.schedule() != null) {
                writtenSchedule = write.schedule().copy();
                writtenSchedule.revision = current.revision + 1;
                if (current.active()) {
                    due.remove(new Key(current.nextFireTime, current.id, null));
                }
                putSchedule(writtenSchedule);
                writtenSchedule = writtenSchedule.copy();
            }
            List<ScheduleFire> updated = new ArrayList<>(write.updates().size());
            for (ScheduleFire update : write.updates()) {
                ScheduleFire stored = update.copy();
                stored.revision = update.revision + 1;
                putFire(stored);
                updated.add(stored.copy());
            }
            List<ScheduleFire> inserted = new ArrayList<>(write.inserts().size());
            for (ScheduleFire insert : write.inserts()) {
                if (fire(insert.scheduleId, insert.fireTime) == null) {
                    ScheduleFire stored = insert.copy();
                    stored.revision = 1;
                    putFire(stored);
                    inserted.add(stored.copy());
                }
            }
            return new ScheduleWrite.Result(true, writtenSchedule, inserted, updated);
        });
    }

    @Override
    public Optional<ScheduleFire> findFire(String scheduleId, Instant fireTime) {
        return locked(() -> Optional.ofNullable(fire(scheduleId, fireTime)).map(ScheduleFire::copy));
    }

    @Override
    public Optional<ScheduleFire> findFireByInstance(String instanceId) {
        return locked(() -> Optional.ofNullable(byInstance.get(instanceId)).map(ScheduleFire::copy));
    }

    @Override
    public List<ScheduleFire> findFires(String scheduleId, Set<ScheduleFire.State> states, int limit) {
        return locked(() -> {
            boolean onlyOpen = states.stream().noneMatch(ScheduleFire.State::finished);
            TreeMap<Instant, ScheduleFire> source = (onlyOpen ? open : fires).get(scheduleId);
            if (source == null) {
                return List.of();
            }
            List<ScheduleFire> result = new ArrayList<>();
            for (ScheduleFire f : source.values()) {
                if (result.size() >= limit) {
                    break;
                }
                if (states.contains(f.state)) {
                    result.add(f.copy());
                }
            }
            return result;
        });
    }

    @Override
    public List<ScheduleFire> findFiresDue(Instant now, int limit) {
        return locked(() -> {
            List<ScheduleFire> result = new ArrayList<>();
            for (Key key : checks) {
                if (key.at().isAfter(now) || result.size() >= limit) {
                    break;
                }
                result.add(fire(key.scheduleId(), key.fireTime()).copy());
            }
            return result;
        });
    }

    @Override
    public Optional<Instant> nextFireCheck() {
        return locked(() -> checks.isEmpty() ? Optional.empty() : Optional.of(checks.first().at()));
    }

    @Override
    public Map<ScheduleFire.State, Long> countOpenFires() {
        return locked(() -> {
            Map<ScheduleFire.State, Long> counts = new java.util.EnumMap<>(ScheduleFire.State.class);
            for (TreeMap<Instant, ScheduleFire> bySchedule : open.values()) {
                for (ScheduleFire f : bySchedule.values()) {
                    counts.merge(f.state, 1L, Long::sum);
                }
            }
            return counts;
        });
    }

    @Override
    public int pruneFires(Instant finishedBefore, int limit) {
        return locked(() -> {
            int pruned = 0;
            for (Iterator<Key> it = finished.iterator(); it.hasNext() && pruned < limit; ) {
                Key key = it.next();
                if (!key.at().isBefore(finishedBefore)) {
                    break;
                }
                it.remove();
                ScheduleFire removed = fires.get(key.scheduleId()).remove(key.fireTime());
                if (fires.get(key.scheduleId()).isEmpty()) {
                    fires.remove(key.scheduleId());
                }
                if (removed.instanceId != null && byInstance.get(removed.instanceId) == removed) {
                    byInstance.remove(removed.instanceId);
                }
                pruned++;
            }
            return pruned;
        });
    }

    private void putSchedule(StoredSchedule stored) {
        schedules.put(stored.id, stored);
        if (stored.active()) {
            due.add(new Key(stored.nextFireTime, stored.id, null));
        }
    }

    private ScheduleFire fire(String scheduleId, Instant fireTime) {
        TreeMap<Instant, ScheduleFire> bySchedule = fires.get(scheduleId);
        return bySchedule == null ? null : bySchedule.get(fireTime);
    }

    /** Stores a fire record (new or replacing the old version) and keeps every index in step. */
    private void putFire(ScheduleFire stored) {
        ScheduleFire old = fire(stored.scheduleId, stored.fireTime);
        if (old != null) {
            if (old.checkAt != null) {
                checks.remove(new Key(old.checkAt, old.scheduleId, old.fireTime));
            }
            if (old.finishedAt != null) {
                finished.remove(new Key(old.finishedAt, old.scheduleId, old.fireTime));
            }
            if (old.instanceId != null && byInstance.get(old.instanceId) == old) {
                byInstance.remove(old.instanceId);
            }
        }
        fires.computeIfAbsent(stored.scheduleId, k -> new TreeMap<>()).put(stored.fireTime, stored);
        if (stored.state.finished()) {
            TreeMap<Instant, ScheduleFire> openOfSchedule = open.get(stored.scheduleId);
            if (openOfSchedule != null) {
                openOfSchedule.remove(stored.fireTime);
                if (openOfSchedule.isEmpty()) {
                    open.remove(stored.scheduleId);
                }
            }
            if (stored.finishedAt != null) {
                finished.add(new Key(stored.finishedAt, stored.scheduleId, stored.fireTime));
            }
        } else {
            open.computeIfAbsent(stored.scheduleId, k -> new TreeMap<>()).put(stored.fireTime, stored);
        }
        if (stored.checkAt != null) {
            checks.add(new Key(stored.checkAt, stored.scheduleId, stored.fireTime));
        }
        if (stored.instanceId != null) {
            byInstance.put(stored.instanceId, stored);
        }
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
