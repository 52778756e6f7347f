package io.reactory.workflow.scheduling;

import io.reactory.workflow.notification.Alert;
import io.reactory.workflow.notification.AlertPublisher;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what an operator must hear about from the scheduler into alerts ({@code alert.scheduler.<name>.<scheduleId>},
 * all warnings): fire times skipped because they were missed or beyond the catch-up limit ({@code misfire}), and
 * runs that failed ({@code run-failed}) or timed out ({@code run-timed-out}) after their last attempt. Other events
 * (overlap skips, which the schedule's policy asked for; retried attempts) raise none. Thread-safe.
 *
 * <pre>{@code
 * scheduler.addListener(SchedulerAlerts.to(amqp.alerts())); // before scheduler.initialize(): misfires come first
 * }</pre>
 */
public final class SchedulerAlerts implements SchedulerListener {
    private static final Logger log = LoggerFactory.getLogger(SchedulerAlerts.class);
    static final String SOURCE = "scheduler";

    private final AlertPublisher alerts;

    private SchedulerAlerts(AlertPublisher alerts) {
        this.alerts = Objects.requireNonNull(alerts, "alerts");
    }

    /** A listener handing the scheduler's alerts to {@code alerts}. */
    public static SchedulerAlerts to(AlertPublisher alerts) {
        return new SchedulerAlerts(alerts);
    }

    @Override
    public void onEvent(SchedulerEvent event) {
        Optional<Alert> alert = alertFor(event);
        if (alert.isEmpty()) {
            return;
        }
        try {
            alerts.publish(alert.get());
        } catch (RuntimeException e) {
            log.warn("could not store the {} alert of schedule {}: {}", alert.get().name(), event.scheduleId(),
                    e.toString());
        }
    }

    /** The alert an event raises, if any. */
    public static Optional<Alert> alertFor(SchedulerEvent event) {
        return switch (event) {
            case SchedulerEvent.Skipped s when s.reason() == SchedulerEvent.SkipReason.MISFIRE
                    || s.reason() == SchedulerEvent.SkipReason.CATCH_UP_LIMIT -> Optional.of(misfire(s));
            case SchedulerEvent.RunFinished r when r.outcome() == RunOutcome.FAILED -> Optional.of(runEnded(r,
                    "run-failed", "failed"));
            case SchedulerEvent.RunFinished r when r.outcome() == RunOutcome.TIMED_OUT -> Optional.of(runEnded(r,
                    "run-timed-out", "timed out"));
            default -> Optional.empty();
        };
    }

    private static Alert misfire(SchedulerEvent.Skipped skip) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("scheduleId", skip.scheduleId());
        details.put("reason", skip.reason().name());
        details.put("count", Integer.toString(skip.count()));
        details.put("first", skip.first().toString());
        details.put("last", skip.fireTime().toString());
        String times = skip.count() == 1 ? "fire time " + skip.fireTime()
                : skip.count() + (skip.count() >= FirePlanner.SKIP_COUNT_CAP ? " or more" : "") + " fire times from "
                + skip.first() + " to " + skip.fireTime();
        return Alert.of(SOURCE, "misfire", skip.scheduleId(), Alert.Severity.WARNING,
                "schedule '" + skip.scheduleId() + "' skipped " + times + " (" + skip.reason() + ")", details,
                skip.at());
    }

    private static Alert runEnded(SchedulerEvent.RunFinished run, String name, String what) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("scheduleId", run.scheduleId());
        details.put("fireTime", run.fireTime().toString());
        details.put("attempts", Integer.toString(run.attempts()));
        details.put("outcome", run.outcome().name());
        if (run.instanceId() != null) {
            details.put("instanceId", run.instanceId());
        }
        if (run.error() != null) {
            details.put("error", run.error()); // the engine's reason and error type, never step messages
        }
        return Alert.of(SOURCE, name, run.scheduleId(), Alert.Severity.WARNING, "schedule '" + run.scheduleId()
                + "': the run of " + run.fireTime() + " " + what + " after " + run.attempts() + " attempt"
                + (run.attempts() == 1 ? "" : "s"), details, run.at());
    }
}
