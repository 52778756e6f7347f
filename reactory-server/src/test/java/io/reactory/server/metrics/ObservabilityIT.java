package io.reactory.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.reactory.server.http.Http;
import io.reactory.workflow.api.WorkflowStats;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.metrics.AlertType;
import io.reactory.workflow.metrics.ReactoryMetrics;
import io.reactory.workflow.scheduling.SchedulerStats;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The acceptance: after the {@link ScriptedRun} (successes, failures, retries, an open breaker, a late
 * schedule, an SLA miss...), the scrape of {@code GET /workflow/metrics}, parsed as Prometheus text, checked value by
 * value and against {@code getWorkflowStats}; and {@code GET /workflow/status} on the same system.
 */
class ObservabilityIT {
    private static ScriptedRun run;
    private static PrometheusText scrape;

    @BeforeAll
    static void scriptedRun() throws Exception {
        run = new ScriptedRun();
        scrape = run.scrape;
    }

    @AfterAll
    static void stop() throws Exception {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void counts_starts_completions_failures_and_cancellations_per_workflow() {
        assertThat(scrape.value("reactory_workflow_started_total", "workflow", "orders")).isEqualTo(2);
        assertThat(scrape.value("reactory_workflow_completed_total", "workflow", "orders")).isEqualTo(2);
        assertThat(scrape.value("reactory_workflow_completed_total", "workflow", "flaky")).isEqualTo(1);
        assertThat(scrape.value("reactory_workflow_failed_total", "workflow", "broken", "reason", "STEP_FAILED")).isEqualTo(1);
        assertThat(scrape.value("reactory_workflow_cancelled_total", "workflow", "waits")).isEqualTo(1);
        assertThat(scrape.value("reactory_workflow_started_total", "workflow", "report")).isEqualTo(2);   // scheduled
        assertThat(scrape.sum("reactory_workflow_started_total")).isEqualTo(8);
    }

    @Test
    void measures_execution_time_per_workflow_and_version_in_a_histogram() {
        String[] completed = {"workflow", "orders", "version", "1", "status", "completed"};
        assertThat(scrape.value("reactory_workflow_execution_seconds_count", completed)).isEqualTo(2);
        assertThat(scrape.value("reactory_workflow_execution_seconds_sum", completed)).isCloseTo(2.001, within(1e-9));
        assertThat(scrape.value("reactory_workflow_execution_seconds_bucket", concat(completed, "le", "0.01"))).isEqualTo(1);
        assertThat(scrape.value("reactory_workflow_execution_seconds_bucket", concat(completed, "le", "1.0"))).isEqualTo(1);
        assertThat(scrape.value("reactory_workflow_execution_seconds_bucket", concat(completed, "le", "2.5"))).isEqualTo(2);
        assertThat(scrape.value("reactory_workflow_execution_seconds_bucket", concat(completed, "le", "+Inf"))).isEqualTo(2);
        assertThat(scrape.types()).containsEntry("reactory_workflow_execution_seconds", "histogram");
    }

    @Test
    void counts_retries_step_attempts_and_errors_by_category() {
        assertThat(scrape.value("reactory_step_retries_total", "workflow", "flaky", "step", "call")).isEqualTo(2);
        assertThat(scrape.value("reactory_step_duration_seconds_count", "workflow", "flaky", "step", "call",
                "outcome", "failure")).isEqualTo(2);
        assertThat(scrape.value("reactory_step_duration_seconds_count", "workflow", "flaky", "step", "call",
                "outcome", "success")).isEqualTo(1);
        assertThat(scrape.value("reactory_errors_total", "workflow", "flaky", "error_type",
                "java.lang.IllegalStateException", "retryable", "true", "action", "retry")).isEqualTo(2);
        assertThat(scrape.value("reactory_errors_total", "workflow", "broken", "error_type",
                "io.reactory.workflow.api.StepFailedException", "retryable", "false", "action", "fail")).isEqualTo(1);
        assertThat(scrape.value("reactory_errors_total", "workflow", "pay", "action", "retry")).isEqualTo(2);
    }

    @Test
    void shows_the_open_breaker_its_transition_and_the_calls_it_refused() {
        assertThat(scrape.value("reactory_circuit_breaker_state", "dependency", "payments", "state", "OPEN")).isEqualTo(1);
        assertThat(scrape.value("reactory_circuit_breaker_state", "dependency", "payments", "state", "CLOSED")).isZero();
        assertThat(scrape.value("reactory_circuit_breaker_transitions_total", "dependency", "payments",
                "from", "CLOSED", "to", "OPEN")).isEqualTo(1);
        assertThat(scrape.value("reactory_circuit_breaker_refused_total", "dependency", "payments")).isEqualTo(1);
    }

    @Test
    void counts_the_sla_miss_and_raises_the_configured_alerts() {
        assertThat(scrape.value("reactory_workflow_sla_total", "workflow", "orders", "result", "late")).isEqualTo(1);
        assertThat(scrape.value("reactory_workflow_sla_total", "workflow", "orders", "result", "met")).isEqualTo(1);
        assertThat(run.alerts).extracting(a -> a.type() + " " + a.workflowId()).containsExactlyInAnyOrder(
                "SLA_BREACH orders", "WORKFLOW_FAILED broken", "CIRCUIT_OPEN pay");
        assertThat(scrape.value("reactory_alerts_total", "workflow", "orders", "alert", "sla_breach",
                "severity", "WARNING")).isEqualTo(1);
        assertThat(scrape.value("reactory_alerts_total", "workflow", "pay", "alert", "circuit_open",
                "severity", "CRITICAL")).isEqualTo(1);
        assertThat(run.alerts.stream().filter(a -> a.type() == AlertType.SLA_BREACH).findFirst().orElseThrow().details())
                .containsEntry("took", "PT2S").containsEntry("sla", "PT1S");
    }

    @Test
    void shows_queues_running_instances_and_store_latency_in_agreement_with_getWorkflowStats() {
        WorkflowStats stats = run.env.runner().getWorkflowStats();
        for (WorkflowStatus status : WorkflowStatus.values()) {
            assertThat(scrape.value("reactory_instances", "status", status.name())).as(status.name())
                    .isEqualTo(stats.instancesByStatus().getOrDefault(status, 0L).doubleValue());
        }
        assertThat(scrape.value("reactory_instances", "status", "RUNNING")).isEqualTo(1);   // pay, held by its breaker
        assertThat(scrape.value("reactory_queue_pending")).isZero();
        assertThat(scrape.value("reactory_queue_runnable")).isZero();                       // pay is due in a minute
        assertThat(scrape.sum("reactory_workflow_started_total")).isEqualTo(stats.started());
        assertThat(scrape.sum("reactory_workflow_completed_total")).isEqualTo(stats.completed());
        assertThat(scrape.sum("reactory_workflow_failed_total")).isEqualTo(stats.failed());
        assertThat(scrape.sum("reactory_workflow_cancelled_total")).isEqualTo(stats.cancelled());
        assertThat(scrape.sum("reactory_step_duration_seconds_count")).isEqualTo(stats.stepsExecuted());
        assertThat(scrape.value("reactory_definitions")).isEqualTo(stats.definitions());
        assertThat(scrape.value("reactory_store_operations_seconds_count", "store", "memory", "operation", "create",
                "outcome", "success")).isEqualTo(8);
        assertThat(scrape.value("reactory_store_operations_seconds_count", "store", "memory", "operation", "commit",
                "outcome", "success")).isPositive();
        assertThat(scrape.value("reactory_store_pool_max", "store", "memory")).isNaN();
    }

    @Test
    void shows_the_late_schedule_and_misfires_in_agreement_with_getSchedulerStats() {
        SchedulerStats stats = run.scheduler.getSchedulerStats();
        String[] schedule = {"schedule", "every-minute"};
        assertThat(scrape.value("reactory_scheduler_fired_total", schedule)).isEqualTo(stats.fired()).isEqualTo(2);
        assertThat(scrape.value("reactory_scheduler_retried_total", schedule)).isEqualTo(stats.retried()).isZero();
        assertThat(scrape.value("reactory_scheduler_lateness_seconds_max", schedule))
                .isEqualTo(stats.maxLateness().toMillis() / 1000.0).isEqualTo(30);
        // the 00:05 run 10 s late, the 00:01 run 30 s late
        assertThat(scrape.value("reactory_scheduler_lateness_seconds_bucket", "schedule", "every-minute", "le", "10.0"))
                .isEqualTo(1);
        assertThat(scrape.value("reactory_scheduler_lateness_seconds_bucket", "schedule", "every-minute", "le", "30.0"))
                .isEqualTo(2);
        assertThat(scrape.value("reactory_scheduler_skipped_total", "schedule", "every-minute", "reason", "misfire"))
                .isEqualTo(stats.skipped()).isEqualTo(3);
        assertThat(scrape.value("reactory_scheduler_runs_total", "schedule", "every-minute", "outcome", "completed"))
                .isEqualTo(stats.completed()).isEqualTo(2);
        assertThat(scrape.value("reactory_scheduler_schedules", "state", "active")).isEqualTo(stats.active());
        assertThat(scrape.value("reactory_scheduler_runs_in_flight")).isEqualTo(stats.runsInFlight());
    }

    @Test
    void shows_dependency_waits_and_concurrency_queues() {
        assertThat(scrape.value("reactory_dependency_waiting", "workflow", "orders")).isEqualTo(1);
        assertThat(scrape.value("reactory_dependency_wait_seconds_sum", "workflow", "orders", "outcome", "satisfied"))
                .isEqualTo(30);
        assertThat(scrape.value("reactory_lifecycle_queued", "workflow", "orders")).isEqualTo(3);
    }

    @Test
    void counts_reload_outcomes_security_events_rate_limit_hits_and_user_activity() {
        assertThat(scrape.value("reactory_config_reloads_total", "result", "applied")).isEqualTo(1);
        assertThat(scrape.value("reactory_config_reloads_total", "result", "rejected")).isEqualTo(1);
        assertThat(scrape.value("reactory_config_stale")).isEqualTo(1);
        assertThat(scrape.value("reactory_security_events_total", "type", "AUTHENTICATION_FAILED")).isEqualTo(1);
        assertThat(scrape.value("reactory_security_events_total", "type", "RATE_LIMITED")).isEqualTo(1);
        assertThat(scrape.value("reactory_security_rate_limited_total", "endpoint", "GET /workflow/definitions"))
                .isEqualTo(1);
        assertThat(scrape.value("reactory_audit_entries_total", "action", "workflow.start", "outcome", "SUCCESS"))
                .isEqualTo(6);
        assertThat(scrape.value("reactory_http_requests_seconds_count", "method", "POST",
                "route", "/workflow/start/{workflowId}", "status", "201")).isEqualTo(6);
    }

    @Test
    void shows_jvm_and_health_figures() {
        assertThat(scrape.names()).containsAll(ReactoryMetrics.jvmPrometheusNames().stream()
                .filter(n -> !n.startsWith("jvm_gc")).toList());
        assertThat(scrape.sum("jvm_memory_used_bytes")).isPositive();
        assertThat(scrape.value("reactory_health", "component", "store", "status", "UP")).isEqualTo(1);
        assertThat(scrape.value("reactory_health", "component", "circuitBreakers", "status", "DEGRADED")).isEqualTo(1);
        assertThat(scrape.value("reactory_health", "component", "configuration", "status", "DEGRADED")).isEqualTo(1);
    }

    @Test
    void keeps_labels_bounded_past_the_limit_of_distinct_values() {
        // 13 schedules for a limit of 10 (every-minute and burst-1..12): the first 10 keep their own series, the other
        // 3 are counted as "other"
        assertThat(scrape.find("reactory_scheduler_fired_total")).hasSize(11);
        assertThat(scrape.value("reactory_scheduler_fired_total", "schedule", "other")).isEqualTo(3);
        assertThat(scrape.value("reactory_metrics_tag_overflow_total", "tag", "reactory.scheduler.fired/schedule"))
                .isEqualTo(3);
    }

    @Test
    void never_labels_a_series_with_an_instance_id() {
        Set<String> values = new HashSet<>();
        scrape.samples().forEach(s -> values.addAll(s.labels().values()));
        assertThat(values).doesNotContainAnyElementsOf(run.instanceIds);
    }

    @Test
    void status_reports_each_component_and_stays_ready_while_only_degraded() {
        Http.Response status = run.http.get("/workflow/status").send();
        assertThat(status.status()).isEqualTo(200);
        JsonNode body = status.json();
        assertThat(body.path("status").asText()).isEqualTo("DEGRADED");
        assertThat(body.path("ready").asBoolean()).isTrue();
        JsonNode components = body.path("components");
        assertThat(components.path("engine").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("store").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("store").path("critical").asBoolean()).isTrue();
        assertThat(components.path("circuitBreakers").path("status").asText()).isEqualTo("DEGRADED");
        assertThat(components.path("circuitBreakers").path("details").path("notClosed").get(0).asText())
                .isEqualTo("payments OPEN");
        assertThat(components.path("configuration").path("status").asText()).isEqualTo("DEGRADED");
        assertThat(components.path("scheduler").path("status").asText()).isEqualTo("UP");
        assertThat(components.path("scheduler").path("critical").asBoolean()).isFalse();

        Http.Response live = run.http.get("/workflow/status?probe=live").send();
        assertThat(live.status()).isEqualTo(200);
        List<String> liveComponents = new ArrayList<>();
        live.json().path("components").fieldNames().forEachRemaining(liveComponents::add);
        assertThat(liveComponents).containsExactly("engine");
        assertThat(run.http.get("/workflow/status?probe=sometimes").send().status()).isEqualTo(422);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
