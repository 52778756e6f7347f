package io.reactory.workflow.persistence;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Schedules and their fire records (the scheduler's aggregate of the store). Several nodes share one store; every
 * change is a compare-and-set on revisions ({@link #write}), and fire records are unique per (schedule id, fire
 * time), so a fire time starts its run once however many nodes fire.
 *
 * <p>The scheduler needs one timer, not one per schedule: {@link #nextFireTime()} and {@link #nextFireCheck()} are
 * answered from indexes. Durable stores keep the tables of migrations {@code V20__schedules.sql}.
 *
 * <p>Implementations are thread-safe and hand out copies.
 */
public interface ScheduleStore {

    /** Inserts a new schedule with revision 1; false (and nothing written) when one with that id exists. */
    boolean insert(StoredSchedule schedule);

    Optional<StoredSchedule> find(String scheduleId);

    /** Every schedule, by id. */
    List<StoredSchedule> findAll();

    /** Schedules that are not paused and whose next fire time is at or before {@code now}, earliest first. */
    List<StoredSchedule> findDue(Instant now, int limit);

    /** The earliest next fire time of the schedules that are not paused. */
    Optional<Instant> nextFireTime();

    /** The workflow ids the schedules start, distinct (a node uses it to tell scheduled runs from others). */
    Set<String> workflowIds();

    /** Removes a schedule (its fire records stay until pruned); false when it did not exist. */
    boolean delete(String scheduleId);

    /** Applies a write atomically, compare-and-set on the revisions it carries. */
    ScheduleWrite.Result write(ScheduleWrite write);

    Optional<ScheduleFire> findFire(String scheduleId, Instant fireTime);

    /** The fire record whose current attempt is this instance. */
    Optional<ScheduleFire> findFireByInstance(String instanceId);

    /** Fire records of a schedule in any of {@code states}, earliest fire time first. */
    List<ScheduleFire> findFires(String scheduleId, Set<ScheduleFire.State> states, int limit);

    /** Fire records whose {@code checkAt} is at or before {@code now}, earliest first. */
    List<ScheduleFire> findFiresDue(Instant now, int limit);

    /** The earliest {@code checkAt} of all fire records. */
    Optional<Instant> nextFireCheck();

    /** How many fire records are STARTING, RUNNING and BUFFERED, over all schedules (absent states: none). */
    Map<ScheduleFire.State, Long> countOpenFires();

    /** Deletes up to {@code limit} finished fire records that finished before {@code finishedBefore}; returns how many. */
    int pruneFires(Instant finishedBefore, int limit);
}
