package io.reactory.workflow.scheduling;

import static io.reactory.workflow.scheduling.TestSchedules.schedule;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactory.workflow.internal.Json;
import io.reactory.workflow.notification.AlertPublisher;
import io.reactory.workflow.persistence.OutboxEntry;
import io.reactory.workflow.persistence.OutboxMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's alerts reach the transactional outbox (what the AMQP relay sends): misfires, and runs that failed
 * or timed out for good; nothing for what went as the schedule's policies asked.
 */
class SchedulerAlertsTest {
    private final SchedulerHarness h = new SchedulerHarness(at("09:30"));
    private final AtomicInteger relayWakes = new AtomicInteger();

    @AfterEach
    void close() {
        h.close();
    }

    private static Instant at(String time) {
        return Instant.parse("2026-01-01T" + time + ":00Z");
    }

    /** Alerts go to the store's outbox, as the AMQP module's publisher writes them. */
    private void listen() {
        h.scheduler.addListener(SchedulerAlerts.to(AlertPublisher.outbox(h.store.outbox(), relayWakes::incrementAndGet)));
    }

    private List<OutboxMessage> outbox() {
        List<OutboxEntry> entries = h.store.outbox().claim("test-relay", 10_000, Duration.ofMinutes(1), h.clock.instant());
        h.store.outbox().markPublished(entries.stream().map(OutboxEntry::sequence).toList());
        return entries.stream().map(OutboxEntry::message).toList();
    }

    private static JsonNode body(OutboxMessage message) throws Exception {
        return Json.mapper().readTree(message.body());
    }

    @Test
    void fire_times_missed_while_the_engine_was_down_raise_one_misfire_alert() throws Exception {
        listen();
        h.scheduler.addSchedule(schedule("hourly", "0 * * * *").build());
        h.advanceTo(at("10:00"));
        h.stop();
        h.clock.set(at("15:00"));
        h.start();
        listen(); // as serve does: before the restarted scheduler's first pass
        h.advanceTo(at("15:00").plusSeconds(59));

        List<OutboxMessage> alerts = outbox();
        assertThat(alerts).extracting(OutboxMessage::topic).containsExactly("alert.scheduler.misfire.hourly");
        JsonNode alert = body(alerts.get(0));
        assertThat(alert.get("type").asText()).isEqualTo("alert.scheduler.misfire");
        assertThat(alert.get("severity").asText()).isEqualTo("WARNING");
        assertThat(alert.get("subject").asText()).isEqualTo("hourly");
        assertThat(alert.get("details").get("reason").asText()).isEqualTo("MISFIRE");
        assertThat(alert.get("details").get("count").asText()).isEqualTo("4");
        assertThat(alert.get("details").get("first").asText()).isEqualTo("2026-01-01T11:00:00Z");
        assertThat(alert.get("details").get("last").asText()).isEqualTo("2026-01-01T14:00:00Z");
        assertThat(alert.get("message").asText()).contains("hourly").contains("4 fire times");
        assertThat(relayWakes).hasPositiveValue();
    }

    @Test
    void a_run_that_failed_every_attempt_raises_one_run_failed_alert_without_step_messages() throws Exception {
        listen();
        h.flakyFailures.set(100);
        h.scheduler.addSchedule(schedule("flaky", "0 10 * * *").workflow("flaky").retry(2, 60L).build());
        h.advanceTo(at("10:30"));

        List<OutboxMessage> alerts = outbox();
        assertThat(alerts).extracting(OutboxMessage::topic).containsExactly("alert.scheduler.run-failed.flaky");
        JsonNode alert = body(alerts.get(0));
        assertThat(alert.get("details").get("attempts").asText()).isEqualTo("2");
        assertThat(alert.get("details").get("fireTime").asText()).isEqualTo("2026-01-01T10:00:00Z");
        assertThat(alert.get("details").get("outcome").asText()).isEqualTo("FAILED");
        assertThat(alert.get("details").get("error").asText()).contains("STEP_FAILED");
        assertThat(alert.toString()).doesNotContain("upstream unavailable");
    }

    @Test
    void a_run_past_its_timeout_raises_a_run_timed_out_alert() throws Exception {
        listen();
        h.scheduler.addSchedule(schedule("long", "0 10 * * *").workflow("long").timeout(1800L).build());
        h.advanceTo(at("11:30"));

        List<OutboxMessage> alerts = outbox();
        assertThat(alerts).extracting(OutboxMessage::topic).containsExactly("alert.scheduler.run-timed-out.long");
        assertThat(body(alerts.get(0)).get("details").get("outcome").asText()).isEqualTo("TIMED_OUT");
    }

    @Test
    void completed_runs_retried_attempts_and_overlap_skips_raise_no_alert() {
        listen();
        h.flakyFailures.set(1);
        h.scheduler.addSchedule(schedule("flaky", "0 10 * * *").workflow("flaky").retry(3, 300L).build());
        h.scheduler.addSchedule(schedule("every-minute", "* * * * *").workflow("slow").build());
        h.advanceTo(at("10:30"));

        assertThat(h.events(SchedulerEvent.Skipped.class)).isNotEmpty()
                .allSatisfy(skip -> assertThat(skip.reason()).isEqualTo(SchedulerEvent.SkipReason.OVERLAP));
        assertThat(h.events(SchedulerEvent.AttemptFailed.class)).isNotEmpty();
        assertThat(outbox()).isEmpty();
    }
}
