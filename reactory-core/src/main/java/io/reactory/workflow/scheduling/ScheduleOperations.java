package io.reactory.workflow.scheduling;

import io.reactory.workflow.config.ScheduleConfig;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.definition.WorkflowVersion;
import io.reactory.workflow.persistence.ScheduleFire;
import io.reactory.workflow.persistence.ScheduleFire.State;
import io.reactory.workflow.persistence.ScheduleWrite;
import io.reactory.workflow.persistence.StoredSchedule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The management operations of the scheduler and its status views: compare-and-set writes on the store. */
final class ScheduleOperations {
    private static final int WRITE_ATTEMPTS = 16;

    private final SchedulerContext ctx;

    ScheduleOperations(SchedulerContext ctx) {
        this.ctx = ctx;
    }

    void add(ScheduleConfig config) {
        Schedule schedule = validate(config);
        Instant now = ctx.clock.instant();
        StoredSchedule stored = new StoredSchedule();
        stored.id = schedule.id();
        stored.config = config;
        stored.definitionVersion = 1;
        stored.nextFireTime = schedule.enabled() ? schedule.fireTimes().next(now).orElse(null) : null;
        stored.createdAt = now;
        stored.updatedAt = now;
        if (!ctx.store.insert(stored)) {
            throw new ScheduleAlreadyExistsException(schedule.id());
        }
        ctx.remember(schedule.id(), stored.definitionVersion, schedule);
    }

    void update(String scheduleId, ScheduleConfig config) {
        Schedule schedule = validate(config);
        if (!schedule.id().equals(scheduleId)) {
            throw new InvalidScheduleException(scheduleId, "id", "is '" + schedule.id()
                    + "' but must be the id of the schedule being updated");
        }
        ctx.markScheduled(schedule.workflowId());
        mutate(scheduleId, stored -> {
            Instant now = ctx.clock.instant();
            boolean timingChanged = !Objects.equals(stored.config.schedule(), config.schedule());
            stored.config = config;
            stored.definitionVersion++;
            stored.updatedAt = now;
            if (!schedule.enabled()) {
                stored.nextFireTime = null;
            } else if (timingChanged || stored.nextFireTime == null) {
                stored.nextFireTime = schedule.fireTimes().next(now).orElse(null);
            }
            return stored;
        }, List.of());
    }

    void pause(String scheduleId) {
        mutate(scheduleId, stored -> {
            stored.paused = true;
            stored.updatedAt = ctx.clock.instant();
            return stored;
        }, EnumSet.of(State.BUFFERED));
    }

    void resume(String scheduleId) {
        mutate(scheduleId, stored -> {
            Instant now = ctx.clock.instant();
            if (stored.paused) {
                stored.paused = false;
                Schedule schedule = ctx.schedule(stored);
                stored.nextFireTime = schedule.enabled() ? schedule.fireTimes().next(now).orElse(null) : null;
            }
            stored.updatedAt = now;
            return stored;
        }, List.of());
    }

    void remove(String scheduleId) {
        if (!ctx.store.delete(scheduleId)) {
            throw new ScheduleNotFoundException(scheduleId);
        }
        ctx.forget(scheduleId);
        // With the schedule gone nothing can promote these; a start claimed right now finds it gone and skips.
        Instant now = ctx.clock.instant();
        for (ScheduleFire f : ctx.store.findFires(scheduleId, EnumSet.of(State.BUFFERED, State.STARTING), Integer.MAX_VALUE)) {
            if (f.state == State.STARTING && f.owner != null) {
                continue;
            }
            ScheduleFire dropped = dropped(f, "the schedule was removed", now);
            if (ctx.store.write(ScheduleWrite.fire(dropped)).committed()) {
                ctx.emit(new SchedulerEvent.Skipped(scheduleId, f.fireTime, f.fireTime, 1,
                        SchedulerEvent.SkipReason.REMOVED, now));
            }
        }
    }

    /**
     * Applies {@code change} to a fresh copy until the compare-and-set succeeds; drops the schedule's fire records
     * in {@code drop} states in the same write.
     */
    private void mutate(String scheduleId, UnaryOperator<StoredSchedule> change, Iterable<State> drop) {
        for (int attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
            StoredSchedule stored = ctx.store.find(scheduleId).orElseThrow(() -> new ScheduleNotFoundException(scheduleId));
            StoredSchedule next = change.apply(stored.copy());
            Instant now = ctx.clock.instant();
            List<ScheduleFire> dropped = new ArrayList<>();
            for (State state : drop) {
                for (ScheduleFire f : ctx.store.findFires(scheduleId, EnumSet.of(state), Integer.MAX_VALUE)) {
                    dropped.add(dropped(f, "the schedule was paused", now));
                }
            }
            next.skipped += dropped.size();
            if (ctx.store.write(new ScheduleWrite(next, List.of(), dropped)).committed()) {
                for (ScheduleFire f : dropped) {
                    ctx.emit(new SchedulerEvent.Skipped(scheduleId, f.fireTime, f.fireTime, 1,
                            SchedulerEvent.SkipReason.PAUSED, now));
                }
                return;
            }
        }
        throw new SchedulingException(scheduleId, "schedule '" + scheduleId + "' kept changing during the update;"
                + " try again");
    }

    private static ScheduleFire dropped(ScheduleFire f, String why, Instant now) {
        ScheduleFire d = f.copy();
        d.state = State.SKIPPED;
        d.checkAt = null;
        d.owner = null;
        d.finishedAt = now;
        d.error = why;
        return d;
    }

    /** Validates the configuration and that the runner knows its workflow. */
    private Schedule validate(ScheduleConfig config) {
        Schedule schedule = Schedule.from(config);
        List<WorkflowDefinition> versions = ctx.runner.definitions().stream()
                .filter(d -> d.id().equals(schedule.workflowId())).toList();
        if (versions.isEmpty()) {
            throw new InvalidScheduleException(schedule.id(), "workflow.id", "no workflow '" + schedule.workflowId()
                    + "' is registered");
        }
        if (schedule.workflowVersion() != null) {
            WorkflowVersion wanted = WorkflowVersion.parse(schedule.workflowVersion());
            if (versions.stream().noneMatch(d -> d.version().equals(wanted))) {
                throw new InvalidScheduleException(schedule.id(), "workflow.version", "workflow '"
                        + schedule.workflowId() + "' has no registered version " + schedule.workflowVersion());
            }
        }
        return schedule;
    }

    ScheduledWorkflow status(String scheduleId) {
        return ctx.store.find(scheduleId).map(this::view).orElseThrow(() -> new ScheduleNotFoundException(scheduleId));
    }

    List<ScheduledWorkflow> list() {
        return ctx.store.findAll().stream().map(this::view).toList();
    }

    Optional<ScheduleConfig> config(String scheduleId) {
        return ctx.store.find(scheduleId).map(s -> s.config);
    }

    private ScheduledWorkflow view(StoredSchedule stored) {
        List<ScheduleFire> open = ctx.store.findFires(stored.id, RunOutcomes.OPEN, Integer.MAX_VALUE);
        int inFlight = 0;
        int waiting = 0;
        List<String> instanceIds = new ArrayList<>();
        for (ScheduleFire f : open) {
            if (f.state.inFlight()) {
                inFlight++;
                if (f.instanceId != null) {
                    instanceIds.add(f.instanceId);
                }
            } else {
                waiting++;
            }
        }
        ScheduleConfig config = stored.config;
        ScheduleConfig.Timing timing = config.schedule();
        return new ScheduledWorkflow(stored.id, config.name() == null ? stored.id : config.name(),
                config.workflow().id(), timing.cron(), timing.timezone() == null ? "UTC" : timing.timezone(), config,
                timing.isEnabled(), stored.paused, stored.paused ? null : stored.nextFireTime, stored.lastFireTime,
                outcome(stored.lastOutcome), stored.lastOutcomeFireTime, stored.lastError, inFlight, waiting,
                instanceIds, stored.consecutiveFailures, stored.fired, stored.skipped);
    }

    private static RunOutcome outcome(State state) {
        if (state == null) {
            return null;
        }
        return switch (state) {
            case COMPLETED -> RunOutcome.COMPLETED;
            case FAILED -> RunOutcome.FAILED;
            case TIMED_OUT -> RunOutcome.TIMED_OUT;
            case SKIPPED -> RunOutcome.SKIPPED;
            default -> RunOutcome.CANCELLED;
        };
    }

    SchedulerStats stats() {
        int total = 0;
        int active = 0;
        int paused = 0;
        int disabled = 0;
        for (StoredSchedule s : ctx.store.findAll()) {
            total++;
            if (s.paused) {
                paused++;
            } else if (s.config.schedule() != null && !s.config.schedule().isEnabled()) {
                disabled++;
            } else {
                active++;
            }
        }
        Map<State, Long> open = ctx.store.countOpenFires();
        return new SchedulerStats(total, active, paused, disabled,
                open.getOrDefault(State.STARTING, 0L) + open.getOrDefault(State.RUNNING, 0L),
                open.getOrDefault(State.BUFFERED, 0L), ctx.store.nextFireTime().orElse(null), ctx.fired.sum(),
                ctx.retried.sum(), ctx.skipped.sum(), ctx.completed.sum(), ctx.failed.sum(),
                Duration.ofNanos(ctx.maxLatenessNanos.get()));
    }
}
