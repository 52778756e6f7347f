package io.reactory.workflow.scheduling;

import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.execution.LocalWorkflowRunner;
import io.reactory.workflow.persistence.ScheduleStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The specification's Scheduler: starts workflows from cron schedules, each in its own time zone, managed at run
 * time and from YAML ({@link ScheduleFiles}). Schedules live in the store, so they survive restarts and are shared
 * by every node on that store; each fire time starts its run exactly once across the nodes (fire records are unique
 * per schedule and fire time, and the start is idempotent), and firing goes on when any node dies.
 *
 * <p>Runs start through {@link WorkflowRunner#startWorkflow} (so configuration, security and lifecycle interceptors
 * apply) with the schedule's {@code properties} as input data. One timer serves all schedules: the scheduler
 * sleeps until the nearest fire time in the store, however many schedules there are.
 *
 * <pre>{@code
 * WorkflowScheduler scheduler = WorkflowScheduler.builder(runner).build();
 * scheduler.initialize();
 * scheduler.addSchedule(ScheduleFiles.read(Path.of("config/schedules/daily-reports.yml")).get(0));
 * ScheduledWorkflow status = scheduler.getScheduleStatus("daily-reports");
 * }</pre>
 *
 * Thread-safe.
 */
public interface WorkflowScheduler extends AutoCloseable {

    /** A scheduler that starts runs on {@code runner} and keeps schedules in the runner's store. */
    static Builder builder(WorkflowRunner runner) {
        return new Builder(runner);
    }

    /** Starts the scheduler's timer thread. Idempotent. */
    void initialize();

    /**
     * Adds a schedule; it fires from the next fire time after now.
     *
     * @throws InvalidScheduleException        naming the field that is wrong (cron, time zone, policies, numbers),
     *                                         or when its workflow is not registered with the runner
     * @throws ScheduleAlreadyExistsException  when a schedule with that id exists
     */
    void addSchedule(ScheduleConfig config);

    /**
     * Removes a schedule. Runs in flight finish; queued runs and pending retries are dropped.
     *
     * @throws ScheduleNotFoundException when there is no such schedule
     */
    void removeSchedule(String scheduleId);

    /**
     * Replaces a schedule's configuration, keeping its state (pause, last outcome, runs in flight). When the timing
     * changes (cron, time zone, DST policies, enabled) the next fire time is recomputed from now.
     *
     * @throws InvalidScheduleException  as {@link #addSchedule}, or when {@code config.id} is not {@code scheduleId}
     * @throws ScheduleNotFoundException when there is no such schedule
     */
    void updateSchedule(String scheduleId, ScheduleConfig config);

    /** Stops firing (runs in flight go on; queued runs are dropped). Idempotent. @throws ScheduleNotFoundException */
    void pauseSchedule(String scheduleId);

    /** Fires again from the next fire time after now; times passed while paused are not caught up. Idempotent. */
    void resumeSchedule(String scheduleId);

    /** @throws ScheduleNotFoundException when there is no such schedule */
    ScheduledWorkflow getScheduleStatus(String scheduleId);

    /** Every schedule with its status, by id. */
    List<ScheduledWorkflow> listSchedules();

    /** A schedule's configuration as given, or empty when there is no such schedule. */
    Optional<ScheduleConfig> getSchedule(String scheduleId);

    SchedulerStats getSchedulerStats();

    void addListener(SchedulerListener listener);

    /** Stops the timer thread (a firing in progress completes). Does not close the runner. */
    @Override
    void close();

    /** Assembles a scheduler; only the runner is required. */
    final class Builder {
        private final WorkflowRunner runner;
        private ScheduleStore store;
        private Clock clock;
        private SchedulerOptions options;
        private final List<SchedulerListener> listeners = new ArrayList<>();

        private Builder(WorkflowRunner runner) {
            this.runner = Objects.requireNonNull(runner, "runner");
        }

        /** Where schedules are kept; default the runner's store. */
        public Builder store(ScheduleStore value) {
            this.store = Objects.requireNonNull(value, "store");
            return this;
        }

        /** Default the runner's clock. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value, "clock");
            return this;
        }

        public Builder options(SchedulerOptions value) {
            this.options = Objects.requireNonNull(value, "options");
            return this;
        }

        public Builder listener(SchedulerListener value) {
            listeners.add(Objects.requireNonNull(value, "listener"));
            return this;
        }

        public WorkflowScheduler build() {
            return buildLocal();
        }

        /** The concrete scheduler, for tests that drive it by hand ({@link LocalWorkflowScheduler#runDue()}). */
        public LocalWorkflowScheduler buildLocal() {
            String nodeId = runner instanceof LocalWorkflowRunner local ? local.options().nodeId() : "scheduler";
            LocalWorkflowScheduler scheduler = new LocalWorkflowScheduler(
                    store == null ? runner.store().schedules() : store,
                    runner,
                    clock == null ? runner.clock() : clock,
                    options == null ? SchedulerOptions.defaults(nodeId) : options);
            listeners.forEach(scheduler::addListener);
            return scheduler;
        }
    }
}
