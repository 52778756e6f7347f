package io.reactory.workflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.persistence.ScheduleFire.State;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics every {@link ScheduleStore} must have: compare-and-set writes, unique fire keys, the due and check
 * indexes. Subclass it once per store; the subclass only says how to create an empty store. Durable stores keep the
 * configuration as JSON, so it must come back equal.
 */
public abstract class ScheduleStoreContract {
    protected WorkflowStore store;
    protected ScheduleStore schedules;
    protected final Instant now = Instant.parse("2026-03-01T10:00:00Z");

    /** A new, empty store. */
    protected abstract WorkflowStore createStore();

    @BeforeEach
    void open() {
        store = createStore();
        schedules = store.schedules();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    protected static ScheduleConfig config(String id) {
        return new ScheduleConfig(id, "Name " + id, "a description",
                new ScheduleConfig.WorkflowRef("generate-reports", "1.0", "reporting"),
                new ScheduleConfig.Timing("0 6 * * *", "Europe/London", true, "fire-all", "PT6H", "buffer-one", null,
                        "both"),
                Map.of("reportTypes", List.of("sales", "inventory"), "outputPath", "/reports/daily",
                        "limits", Map.of("rows", 1000)),
                new ScheduleConfig.Retry(3, 300L), 1800L, 1);
    }

    protected StoredSchedule schedule(String id, Instant next) {
        StoredSchedule s = new StoredSchedule();
        s.id = id;
        s.config = config(id);
        s.definitionVersion = 1;
        s.nextFireTime = next;
        s.createdAt = now;
        s.updatedAt = now;
        return s;
    }

    protected ScheduleFire fire(String scheduleId, Instant fireTime, State state) {
        ScheduleFire f = new ScheduleFire();
        f.scheduleId = scheduleId;
        f.fireTime = fireTime;
        f.state = state;
        f.attempt = 1;
        f.createdAt = now;
        return f;
    }

    private StoredSchedule inserted(String id, Instant next) {
        assertThat(schedules.insert(schedule(id, next))).isTrue();
        return schedules.find(id).orElseThrow();
    }

    @Test
    void an_inserted_schedule_comes_back_with_every_field_and_revision_one() {
        StoredSchedule s = schedule("daily", now.plusSeconds(60));
        s.paused = false;
        s.lastFireTime = now.minusSeconds(3600);
        s.lastOutcome = State.FAILED;
        s.lastOutcomeFireTime = now.minusSeconds(3600);
        s.lastError = "boom";
        s.consecutiveFailures = 2;
        s.fired = 7;
        s.skipped = 3;
        assertThat(schedules.insert(s)).isTrue();

        StoredSchedule found = schedules.find("daily").orElseThrow();
        assertThat(found.revision).isEqualTo(1);
        assertThat(found.config).isEqualTo(config("daily"));
        assertThat(found.nextFireTime).isEqualTo(now.plusSeconds(60));
        assertThat(found.lastOutcome).isEqualTo(State.FAILED);
        assertThat(found.lastError).isEqualTo("boom");
        assertThat(found.consecutiveFailures).isEqualTo(2);
        assertThat(found.fired).isEqualTo(7);
        assertThat(found.skipped).isEqualTo(3);
        assertThat(found.createdAt).isEqualTo(now);
    }

    @Test
    void a_second_schedule_with_the_same_id_is_not_inserted() {
        inserted("daily", now);
        StoredSchedule other = schedule("daily", now.plusSeconds(5));
        assertThat(schedules.insert(other)).isFalse();
        assertThat(schedules.find("daily").orElseThrow().nextFireTime).isEqualTo(now);
    }

    @Test
    void found_schedules_are_copies() {
        StoredSchedule found = inserted("daily", now);
        found.paused = true;
        assertThat(schedules.find("daily").orElseThrow().paused).isFalse();
    }

    @Test
    void due_schedules_are_the_active_ones_at_or_before_now_earliest_first() {
        inserted("later", now.plusSeconds(1));
        inserted("second", now);
        inserted("first", now.minusSeconds(10));
        StoredSchedule paused = schedule("paused", now.minusSeconds(20));
        paused.paused = true;
        schedules.insert(paused);
        schedules.insert(schedule("disabled", null));

        assertThat(schedules.findDue(now, 10)).extracting(s -> s.id).containsExactly("first", "second");
        assertThat(schedules.findDue(now, 1)).extracting(s -> s.id).containsExactly("first");
        assertThat(schedules.nextFireTime()).contains(now.minusSeconds(10));
        assertThat(schedules.findAll()).extracting(s -> s.id)
                .containsExactly("disabled", "first", "later", "paused", "second");
    }

    @Test
    void a_write_with_the_revision_read_commits_and_moves_the_due_index() {
        StoredSchedule s = inserted("hourly", now);
        s.nextFireTime = now.plusSeconds(3600);
        ScheduleWrite.Result result = schedules.write(ScheduleWrite.schedule(s));
        assertThat(result.committed()).isTrue();
        assertThat(result.schedule().revision).isEqualTo(2);
        assertThat(schedules.findDue(now, 10)).isEmpty();
        assertThat(schedules.nextFireTime()).contains(now.plusSeconds(3600));
    }

    @Test
    void a_write_with_a_stale_revision_writes_nothing_at_all() {
        StoredSchedule read = inserted("hourly", now);
        StoredSchedule winner = read.copy();
        winner.nextFireTime = now.plusSeconds(3600);
        assertThat(schedules.write(ScheduleWrite.schedule(winner)).committed()).isTrue();

        StoredSchedule loser = read.copy();
        loser.nextFireTime = now.plusSeconds(60);
        ScheduleWrite.Result result = schedules.write(new ScheduleWrite(loser,
                List.of(fire("hourly", now, State.STARTING)), List.of()));
        assertThat(result.committed()).isFalse();
        assertThat(schedules.find("hourly").orElseThrow().nextFireTime).isEqualTo(now.plusSeconds(3600));
        assertThat(schedules.findFire("hourly", now)).isEmpty();
    }

    @Test
    void a_write_on_a_removed_schedule_is_a_conflict() {
        StoredSchedule read = inserted("gone", now);
        assertThat(schedules.delete("gone")).isTrue();
        assertThat(schedules.delete("gone")).isFalse();
        assertThat(schedules.write(ScheduleWrite.schedule(read)).committed()).isFalse();
        assertThat(schedules.findDue(now, 10)).isEmpty();
    }

    @Test
    void a_fire_time_is_inserted_once_and_a_repeat_is_left_out_without_a_conflict() {
        StoredSchedule s = inserted("hourly", now);
        ScheduleWrite.Result first = schedules.write(new ScheduleWrite(null, List.of(fire("hourly", now, State.STARTING)), List.of()));
        assertThat(first.committed()).isTrue();
        assertThat(first.inserted()).singleElement().satisfies(f -> assertThat(f.revision).isEqualTo(1));

        ScheduleFire again = fire("hourly", now, State.BUFFERED);
        ScheduleWrite.Result second = schedules.write(new ScheduleWrite(s, List.of(again,
                fire("hourly", now.plusSeconds(3600), State.BUFFERED)), List.of()));
        assertThat(second.committed()).isTrue();
        assertThat(second.inserted()).extracting(f -> f.fireTime).containsExactly(now.plusSeconds(3600));
        assertThat(schedules.findFire("hourly", now).orElseThrow().state).isEqualTo(State.STARTING);
    }

    @Test
    void fire_updates_are_compare_and_set_on_their_revision() {
        inserted("hourly", now);
        ScheduleFire stored = schedules.write(new ScheduleWrite(null, List.of(fire("hourly", now, State.STARTING)),
                List.of())).inserted().get(0);
        ScheduleFire running = stored.copy();
        running.state = State.RUNNING;
        running.instanceId = "instance-1";
        running.checkAt = now.plusSeconds(60);
        running.deadline = now.plusSeconds(1800);
        running.attemptStartAt = now;
        ScheduleWrite.Result result = schedules.write(ScheduleWrite.fire(running));
        assertThat(result.committed()).isTrue();
        assertThat(result.updated().get(0).revision).isEqualTo(2);

        ScheduleFire stale = stored.copy();
        stale.state = State.FAILED;
        assertThat(schedules.write(ScheduleWrite.fire(stale)).committed()).isFalse();

        ScheduleFire found = schedules.findFireByInstance("instance-1").orElseThrow();
        assertThat(found.state).isEqualTo(State.RUNNING);
        assertThat(found.fireTime).isEqualTo(now);
        assertThat(found.deadline).isEqualTo(now.plusSeconds(1800));
        assertThat(found.attemptStartAt).isEqualTo(now);
    }

    @Test
    void the_instance_index_follows_the_current_attempt() {
        inserted("hourly", now);
        ScheduleFire f = fire("hourly", now, State.RUNNING);
        f.instanceId = "attempt-1";
        ScheduleFire stored = schedules.write(new ScheduleWrite(null, List.of(f), List.of())).inserted().get(0);
        ScheduleFire retry = stored.copy();
        retry.attempt = 2;
        retry.instanceId = "attempt-2";
        schedules.write(ScheduleWrite.fire(retry));
        assertThat(schedules.findFireByInstance("attempt-1")).isEmpty();
        assertThat(schedules.findFireByInstance("attempt-2").orElseThrow().attempt).isEqualTo(2);
    }

    @Test
    void fires_are_found_by_state_earliest_first_and_counted_while_open() {
        inserted("s", now);
        List<ScheduleFire> fires = new ArrayList<>();
        fires.add(fire("s", now.plusSeconds(3), State.BUFFERED));
        fires.add(fire("s", now.plusSeconds(1), State.RUNNING));
        fires.add(fire("s", now.plusSeconds(2), State.STARTING));
        ScheduleFire done = fire("s", now, State.COMPLETED);
        done.finishedAt = now;
        fires.add(done);
        schedules.write(new ScheduleWrite(null, fires, List.of()));

        assertThat(schedules.findFires("s", EnumSet.of(State.STARTING, State.RUNNING, State.BUFFERED), 10))
                .extracting(f -> f.fireTime).containsExactly(now.plusSeconds(1), now.plusSeconds(2), now.plusSeconds(3));
        assertThat(schedules.findFires("s", EnumSet.of(State.COMPLETED), 10)).hasSize(1);
        assertThat(schedules.findFires("s", EnumSet.allOf(State.class), 2)).hasSize(2);
        assertThat(schedules.findFires("other", EnumSet.allOf(State.class), 10)).isEmpty();
        assertThat(schedules.countOpenFires()).containsExactlyInAnyOrderEntriesOf(
                Map.of(State.STARTING, 1L, State.RUNNING, 1L, State.BUFFERED, 1L));
    }

    @Test
    void fires_with_a_check_time_are_due_at_it_earliest_first() {
        inserted("s", now);
        ScheduleFire a = fire("s", now, State.RUNNING);
        a.checkAt = now.plusSeconds(30);
        ScheduleFire b = fire("s", now.plusSeconds(1), State.STARTING);
        b.checkAt = now.plusSeconds(10);
        ScheduleFire c = fire("s", now.plusSeconds(2), State.BUFFERED);
        schedules.write(new ScheduleWrite(null, List.of(a, b, c), List.of()));

        assertThat(schedules.nextFireCheck()).contains(now.plusSeconds(10));
        assertThat(schedules.findFiresDue(now.plusSeconds(5), 10)).isEmpty();
        assertThat(schedules.findFiresDue(now.plusSeconds(30), 10)).extracting(f -> f.fireTime)
                .containsExactly(now.plusSeconds(1), now);

        ScheduleFire cleared = schedules.findFire("s", now.plusSeconds(1)).orElseThrow();
        cleared.checkAt = null;
        schedules.write(ScheduleWrite.fire(cleared));
        assertThat(schedules.nextFireCheck()).contains(now.plusSeconds(30));
    }

    @Test
    void pruning_removes_old_finished_fires_only() {
        inserted("s", now);
        ScheduleFire old = fire("s", now, State.COMPLETED);
        old.finishedAt = now;
        old.instanceId = "old";
        ScheduleFire recent = fire("s", now.plusSeconds(60), State.FAILED);
        recent.finishedAt = now.plusSeconds(3600);
        ScheduleFire open = fire("s", now.plusSeconds(120), State.RUNNING);
        schedules.write(new ScheduleWrite(null, List.of(old, recent, open), List.of()));

        assertThat(schedules.pruneFires(now.plusSeconds(60), 100)).isEqualTo(1);
        assertThat(schedules.findFire("s", now)).isEmpty();
        assertThat(schedules.findFireByInstance("old")).isEmpty();
        assertThat(schedules.findFire("s", now.plusSeconds(60))).isPresent();
        assertThat(schedules.findFire("s", now.plusSeconds(120))).isPresent();
    }

    @Test
    void removing_a_schedule_keeps_its_fire_records() {
        inserted("s", now);
        schedules.write(new ScheduleWrite(null, List.of(fire("s", now, State.RUNNING)), List.of()));
        schedules.delete("s");
        assertThat(schedules.find("s")).isEmpty();
        assertThat(schedules.findFire("s", now)).isPresent();
    }

    @Test
    void concurrent_writers_of_one_revision_have_exactly_one_winner_and_one_insert_per_fire_time() throws Exception {
        StoredSchedule read = inserted("contended", now);
        int writers = 8;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<ScheduleWrite.Result>> results = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Callable<ScheduleWrite.Result> writer = () -> {
                    go.await();
                    StoredSchedule next = read.copy();
                    next.nextFireTime = now.plusSeconds(60);
                    next.fired++;
                    return schedules.write(new ScheduleWrite(next, List.of(fire("contended", now, State.STARTING)),
                            List.of()));
                };
                results.add(pool.submit(writer));
            }
            go.countDown();
            int committed = 0;
            int inserted = 0;
            for (Future<ScheduleWrite.Result> result : results) {
                ScheduleWrite.Result r = result.get(30, TimeUnit.SECONDS);
                committed += r.committed() ? 1 : 0;
                inserted += r.inserted().size();
            }
            assertThat(committed).isEqualTo(1);
            assertThat(inserted).isEqualTo(1);
            assertThat(schedules.find("contended").orElseThrow().fired).isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
