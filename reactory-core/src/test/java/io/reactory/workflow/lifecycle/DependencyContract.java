package io.reactory.workflow.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.IllegalTransitionException;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.StatusChange;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceQuery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Dependency-based execution on a store: the specification's example (process-results waits for data-extraction and
 * validation), correlation by business reference, dependencies that can no longer be met, cycles, wait timeouts,
 * and a wait that outlives the engine. Subclass once per store.
 */
public abstract class DependencyContract extends LifecycleContractBase {
    private static final String DAY = "2026-11-25";

    private String processResults(Engine e, String reference) {
        return e.lifecycle().createInstance(InstanceRequest.builder("process-results").reference(reference)
                .dependsOn(on("data-extraction"), on("validation")).build());
    }

    @Test
    void process_results_waits_for_data_extraction_and_validation_completing_before_and_after_it_was_created() {
        Engine e = engine();
        String extraction = stage(e, "data-extraction", DAY);
        e.settle();
        finish(e, "data-extraction", DAY); // completes before the dependent exists

        String results = processResults(e, DAY);
        e.settle();
        InstanceInfo waiting = e.info(results);
        assertThat(waiting.status()).isEqualTo(WorkflowStatus.PENDING);
        assertThat(waiting.nextExecution()).as("parked: no thread, no polling").isNull();
        assertThat(e.lifecycle().getDependencies(results)).extracting(DependencyStatus::target, DependencyStatus::state)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("data-extraction [reference " + DAY + "]", DependencyStatus.State.MET),
                        org.assertj.core.groups.Tuple.tuple("validation [reference " + DAY + "]", DependencyStatus.State.WAITING));

        String validation = stage(e, "validation", DAY); // created after the dependent
        e.settle();
        assertThat(e.status(results)).as("validation is RUNNING, not completed").isEqualTo(WorkflowStatus.PENDING);

        finish(e, "validation", DAY);

        assertThat(e.status(results)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(ran).containsExactly(extraction, validation, results);
        assertThat(e.lifecycle().getLifecycleStats().waitingOnDependencies()).isZero();
    }

    @Test
    void a_dependency_waits_for_the_instance_with_the_same_reference_or_the_key_it_names() {
        Engine e = engine();
        String forTuesday = processResults(e, "2026-11-24");
        String forWednesday = processResults(e, DAY);
        String byKey = e.lifecycle().createInstance(InstanceRequest.builder("report").reference("monthly")
                .dependsOn(WorkflowDependency.onWorkflow("data-extraction").withCorrelationKey("2026-11-24")).build());
        stage(e, "validation", "2026-11-24");
        stage(e, "validation", DAY);
        stage(e, "data-extraction", DAY);
        stage(e, "data-extraction", "2026-11-24");
        e.settle();
        finish(e, "validation", "2026-11-24");
        finish(e, "validation", DAY);

        finish(e, "data-extraction", DAY);

        assertThat(e.status(forWednesday)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(e.status(forTuesday)).as("its data-extraction still runs").isEqualTo(WorkflowStatus.PENDING);
        assertThat(e.status(byKey)).isEqualTo(WorkflowStatus.PENDING);

        finish(e, "data-extraction", "2026-11-24");

        assertThat(e.status(forTuesday)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(e.status(byKey)).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void an_instance_dependency_and_a_dependency_on_any_reference_hold_when_their_target_completes() {
        Engine e = engine();
        String extraction = stage(e, "data-extraction", DAY);
        String onInstance = e.lifecycle().createInstance(InstanceRequest.builder("report")
                .dependsOn(WorkflowDependency.onInstance(extraction)).build());
        String onAny = e.lifecycle().createInstance(InstanceRequest.builder("process-results").reference("x")
                .dependsOn(WorkflowDependency.onWorkflow("data-extraction").onAnyReference()).build());
        e.settle();
        assertThat(List.of(e.status(onInstance), e.status(onAny))).containsOnly(WorkflowStatus.PENDING);

        finish(e, "data-extraction", DAY);

        assertThat(List.of(e.status(onInstance), e.status(onAny))).containsOnly(WorkflowStatus.COMPLETED);
    }

    @Test
    void a_failed_dependency_fails_the_dependent_with_a_reason_naming_it_and_the_failure_cascades() {
        Engine e = engine();
        List<String> unmet = new CopyOnWriteArrayList<>();
        e.lifecycle().addListener(new LifecycleListener() {
            @Override
            public void dependencyUnmet(String instanceId, String workflowId, String reason) {
                unmet.add(workflowId + " " + reason);
            }
        });
        String results = processResults(e, DAY);
        String report = e.lifecycle().createInstance(InstanceRequest.builder("report").reference(DAY)
                .dependsOn(WorkflowDependency.onInstance(results)).build());
        stage(e, "data-extraction", DAY, true);
        e.settle();

        finish(e, "data-extraction", DAY);

        InstanceInfo failed = e.info(results);
        assertThat(failed.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo("DEPENDENCY_FAILED");
        assertThat(failed.failureMessage()).contains("data-extraction [reference " + DAY + "]", "FAILED",
                "the condition is completed");
        assertThat(changes).filteredOn(c -> c.instanceId().equals(results)).extracting(StatusChange::to)
                .containsExactly(WorkflowStatus.PENDING, WorkflowStatus.RUNNING, WorkflowStatus.FAILED);
        assertThat(ran).as("no step of the dependent ran").isEmpty();
        assertThat(e.runner().errorHandler().errors(results)).singleElement()
                .satisfies(r -> assertThat(r.errorType()).endsWith("DependencyFailedException"));
        assertThat(e.info(report).failureReason()).as("its own dependent fails too").isEqualTo("DEPENDENCY_FAILED");
        assertThat(unmet).containsExactly("process-results DEPENDENCY_FAILED", "report DEPENDENCY_FAILED");
    }

    @Test
    void a_cancelled_dependency_cancels_the_dependent_when_so_configured() {
        Engine e = engine();
        String extraction = stage(e, "data-extraction", DAY);
        String results = e.lifecycle().createInstance(InstanceRequest.builder("process-results").reference(DAY)
                .dependsOn(on("data-extraction")).onUnmetDependency(UnmetDependencyPolicy.CANCEL).build());
        e.settle();

        e.runner().cancelWorkflow(extraction);
        e.settle();

        InstanceInfo cancelled = e.info(results);
        assertThat(cancelled.status()).isEqualTo(WorkflowStatus.CANCELLED);
        assertThat(cancelled.failureReason()).isEqualTo("DEPENDENCY_FAILED");
        assertThat(cancelled.failureMessage()).contains("CANCELLED");
    }

    @Test
    void a_dependency_that_would_close_a_cycle_is_refused_naming_the_cycle() {
        Engine e = engine();
        String results = processResults(e, DAY);
        e.settle();

        assertThatThrownBy(() -> e.lifecycle().createInstance(InstanceRequest.builder("data-extraction").reference(DAY)
                .dependsOn(on("process-results")).build()))
                .isInstanceOf(DependencyCycleException.class)
                .hasMessage("dependency cycle: data-extraction [reference " + DAY + "] → process-results [reference "
                        + DAY + "] → data-extraction [reference " + DAY + "]");
        assertThat(e.runner().findInstances(new InstanceQuery(null, "data-extraction", null, null, null, null, 0, 10)))
                .as("nothing was created").isEmpty();

        assertThatThrownBy(() -> e.lifecycle().addDependency(results, WorkflowDependency.onInstance(results)))
                .isInstanceOf(DependencyCycleException.class).hasMessageContaining("process-results [reference " + DAY + "]");
        String report = e.lifecycle().createInstance(InstanceRequest.builder("report").reference(DAY)
                .dependsOn(WorkflowDependency.onInstance(results)).build());
        assertThatThrownBy(() -> e.lifecycle().addDependency(results, WorkflowDependency.onInstance(report)))
                .isInstanceOf(DependencyCycleException.class)
                .hasMessage("dependency cycle: process-results [reference " + DAY + "] → report [reference " + DAY
                        + "] → process-results [reference " + DAY + "]");
        assertThat(e.lifecycle().getDependencies(results)).hasSize(2);
    }

    @Test
    void a_dependency_naming_nothing_that_exists_is_refused() {
        Engine e = engine();
        assertThatThrownBy(() -> e.lifecycle().createInstance(InstanceRequest.builder("report")
                .dependsOn(WorkflowDependency.onInstance("no-such-instance")).build()))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("no-such-instance");
        assertThatThrownBy(() -> e.lifecycle().createInstance(InstanceRequest.builder("report")
                .dependsOn(on("data-extractoin")).build()))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("'data-extractoin'");
    }

    @Test
    void a_wait_timeout_fails_the_dependent_once_it_passes() {
        Engine e = engine(LifecycleOptions.builder().dependencyTimeout(Duration.ofHours(2)).build());
        String results = processResults(e, DAY);
        e.settle();
        assertThat(e.info(results).nextExecution()).as("parked; the LifecycleManager watches the timeout").isNull();

        e.env().advance(Duration.ofHours(2).minusSeconds(1));
        assertThat(e.status(results)).isEqualTo(WorkflowStatus.PENDING);
        e.env().advance(Duration.ofSeconds(1));

        InstanceInfo failed = e.info(results);
        assertThat(failed.status()).isEqualTo(WorkflowStatus.FAILED);
        assertThat(failed.failureReason()).isEqualTo("DEPENDENCY_TIMEOUT");
        assertThat(failed.failureMessage()).contains("PT2H", "data-extraction [reference " + DAY + "]");
    }

    @Test
    void a_dependency_met_before_its_wait_timeout_starts_the_dependent() {
        Engine e = engine(LifecycleOptions.builder().dependencyTimeout(Duration.ofHours(2)).build());
        String results = e.lifecycle().createInstance(InstanceRequest.builder("process-results").reference(DAY)
                .dependsOn(on("data-extraction")).build());
        stage(e, "data-extraction", DAY);
        e.settle();
        clock.advance(Duration.ofHours(1));
        e.settle();

        finish(e, "data-extraction", DAY);

        assertThat(e.status(results)).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void a_dependent_with_a_start_time_does_not_start_before_it_even_when_its_dependencies_hold() {
        Engine e = engine();
        String results = e.lifecycle().createInstance(InstanceRequest.builder("process-results")
                .options(StartOptions.DEFAULT.withReference(DAY).withStartAt(clock.instant().plus(Duration.ofHours(3))))
                .dependsOn(on("data-extraction")).build());
        stage(e, "data-extraction", DAY);
        e.settle();

        finish(e, "data-extraction", DAY);
        assertThat(e.status(results)).isEqualTo(WorkflowStatus.PENDING);
        e.env().advance(Duration.ofHours(3));

        assertThat(e.status(results)).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void the_threaded_engine_wakes_dependents_without_the_sweep() {
        try (io.reactory.workflow.api.WorkflowRunner runner = io.reactory.workflow.api.WorkflowRunner.builder()
                .store(store).options(io.reactory.workflow.api.RunnerOptions.defaults().withNodeId("dependency-node")
                        .withPollInterval(Duration.ofMillis(200))).build()) {
            registerWorkflows(runner);
            // the sweep is an hour away: a lost wake-up fails the test instead of hiding behind it
            try (WorkflowLifecycleManager lifecycle = WorkflowLifecycleManager.builder(runner)
                    .options(LifecycleOptions.builder().sweepInterval(Duration.ofHours(1))
                            .dependencyTimeout(Duration.ofHours(1)).build()).build()) {
                lifecycle.initialize();
                runner.initialize();
                List<String> dependents = new java.util.ArrayList<>();
                for (int k = 0; k < 20; k++) {
                    dependents.add(lifecycle.createInstance(InstanceRequest.builder("process-results")
                            .reference("day-" + k).dependsOn(on("data-extraction"), on("validation")).build()));
                }
                for (int k = 0; k < 20; k++) {
                    for (String target : List.of("data-extraction", "validation")) {
                        Job job = new Job();
                        job.trace.add("day-" + k);
                        runner.startWorkflow(target, null, job, StartOptions.DEFAULT.withReference("day-" + k));
                        runner.publishEvent("finish", target + "/day-" + k, java.util.Map.of());
                    }
                }

                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> dependents.stream()
                        .allMatch(id -> runner.getWorkflowStatus(id) == WorkflowStatus.COMPLETED));
            }
        }
    }

    @Test
    void dependencies_added_to_a_pending_instance_hold_it_back() {
        Engine e = engine(LifecycleOptions.builder().concurrency("report", 1).build());
        String blocker = e.lifecycle().createInstance(InstanceRequest.builder("report").reference("first")
                .dependsOn(on("validation")).build());
        String queued = e.runner().startWorkflow("report", null, null, StartOptions.DEFAULT.withReference(DAY));

        e.lifecycle().addDependency(queued, on("data-extraction"));
        stage(e, "data-extraction", DAY);
        e.settle();
        assertThat(e.status(queued)).isEqualTo(WorkflowStatus.PENDING);

        finish(e, "data-extraction", DAY);
        assertThat(e.status(queued)).isEqualTo(WorkflowStatus.COMPLETED);
        assertThat(e.status(blocker)).isEqualTo(WorkflowStatus.PENDING);
        assertThatThrownBy(() -> e.lifecycle().addDependency(queued, on("validation")))
                .isInstanceOf(LifecycleException.class).hasMessageContaining("is COMPLETED");
    }

    @Test
    void a_waiting_instance_cannot_be_paused_but_can_be_cancelled() {
        Engine e = engine();
        String results = processResults(e, DAY);
        e.settle();

        assertThatThrownBy(() -> e.runner().pauseWorkflow(results)).isInstanceOf(IllegalTransitionException.class)
                .isInstanceOf(InstanceWaitingException.class).hasMessageContaining("waits to start");
        e.lifecycle().updateInstanceStatus(results, WorkflowStatus.CANCELLED);
        e.settle();
        assertThat(e.status(results)).isEqualTo(WorkflowStatus.CANCELLED);
    }

    @Test
    void a_wait_survives_an_engine_restart() {
        Engine first = engine();
        String results = processResults(first, DAY);
        stage(first, "data-extraction", DAY);
        first.settle();
        finish(first, "data-extraction", DAY);
        assertThat(first.status(results)).isEqualTo(WorkflowStatus.PENDING);

        Engine second = restart(first, LifecycleOptions.DEFAULT);
        second.settle();
        assertThat(second.status(results)).isEqualTo(WorkflowStatus.PENDING);
        stage(second, "validation", DAY);
        second.settle();
        finish(second, "validation", DAY);

        assertThat(second.status(results)).isEqualTo(WorkflowStatus.COMPLETED);
    }

    @Test
    void a_start_with_an_idempotency_key_that_matched_leaves_no_dependencies_behind() {
        Engine e = engine();
        StartOptions once = StartOptions.DEFAULT.withReference(DAY).withIdempotencyKey("results-" + DAY);
        String first = e.lifecycle().createInstance(InstanceRequest.builder("process-results").options(once)
                .dependsOn(on("data-extraction")).build());
        String again = e.lifecycle().createInstance(InstanceRequest.builder("process-results").options(once)
                .dependsOn(on("validation")).build());

        assertThat(again).isEqualTo(first);
        assertThat(e.lifecycle().getDependencies(first)).extracting(DependencyStatus::target)
                .containsExactly("data-extraction [reference " + DAY + "]");
        assertThat(e.lifecycle().getLifecycleStats().waitingOnDependencies()).isEqualTo(1);
    }
}
