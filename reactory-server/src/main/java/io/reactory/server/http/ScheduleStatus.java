package io.reactory.server.http;

import java.time.Instant;

/**
 * How a schedule stands, as the schedule pages show it: the Scheduler's {@code getScheduleStatus} in the server's
 * terms (the REST API adds it to every schedule document as the read-only member {@code status}).
 *
 * @param enabled             {@code schedule.enabled}; a disabled schedule never fires
 * @param paused              paused with {@code POST /workflow/schedules/{id}/pause}
 * @param nextFireTime        when it fires next; null when disabled, paused, or when the cron never fires again
 * @param lastFireTime        the latest fire time that started a run; null before the first
 * @param lastOutcome         how the latest finished run ended ({@code COMPLETED}, {@code FAILED}...); null before one
 * @param lastOutcomeFireTime the fire time of that run, or null
 * @param lastError           the error of the latest failed run, or null (never workflow data)
 * @param runsInFlight        runs started and not finished
 * @param fired               fire times that started a run over the schedule's life
 * @param skipped             fire times skipped (missed or overlapping) over the schedule's life
 */
public record ScheduleStatus(boolean enabled, boolean paused, Instant nextFireTime, Instant lastFireTime,
                             String lastOutcome, Instant lastOutcomeFireTime, String lastError, int runsInFlight,
                             long fired, long skipped) {}
