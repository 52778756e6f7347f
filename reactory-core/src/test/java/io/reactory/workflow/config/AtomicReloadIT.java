package io.reactory.workflow.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.InstanceInfo;
import io.reactory.workflow.api.StartInterceptor;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.api.Workflow;
import io.reactory.workflow.api.WorkflowListener;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.api.WorkflowStats;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.definition.DefinitionException;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.InstanceQuery;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.resilience.ErrorHandler;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload the engine refuses half-way leaves neither engine nor manager on a mix of two configurations. */
class AtomicReloadIT {
    @TempDir
    Path dir;

    /** A runner that refuses the n-th definition change it is asked for, once (as a step it cannot create would). */
    static final class RefusingRunner implements WorkflowRunner {
        private final WorkflowRunner engine;
        final AtomicInteger refuseChange = new AtomicInteger(-1);

        RefusingRunner(WorkflowRunner engine) {
            this.engine = engine;
        }

        private void maybeRefuse(WorkflowDefinition definition) {
            if (refuseChange.getAndDecrement() == 1) {
                throw new DefinitionException(definition.id(), definition.version().text(), "refused by the test");
            }
        }

        @Override
        public void replaceWorkflow(WorkflowDefinition definition) {
            maybeRefuse(definition);
            engine.replaceWorkflow(definition);
        }

        @Override
        public void registerWorkflow(WorkflowDefinition definition) {
            maybeRefuse(definition);
            engine.registerWorkflow(definition);
        }

        @Override
        public void registerWorkflow(Workflow<?> workflow) {
            engine.registerWorkflow(workflow);
        }

        @Override
        public void initialize() {
            engine.initialize();
        }

        @Override
        public Collection<WorkflowDefinition> definitions() {
            return engine.definitions();
        }

        @Override
        public String startWorkflow(String workflowId, String version, Object data, StartOptions options) {
            return engine.startWorkflow(workflowId, version, data, options);
        }

        @Override
        public void pauseWorkflow(String instanceId) {
            engine.pauseWorkflow(instanceId);
        }

        @Override
        public void resumeWorkflow(String instanceId) {
            engine.resumeWorkflow(instanceId);
        }

        @Override
        public void cancelWorkflow(String instanceId) {
            engine.cancelWorkflow(instanceId);
        }

        @Override
        public void retryWorkflow(String instanceId) {
            engine.retryWorkflow(instanceId);
        }

        @Override
        public WorkflowStatus getWorkflowStatus(String instanceId) {
            return engine.getWorkflowStatus(instanceId);
        }

        @Override
        public InstanceInfo getInstance(String instanceId) {
            return engine.getInstance(instanceId);
        }

        @Override
        public List<InstanceInfo> findInstances(InstanceQuery query) {
            return engine.findInstances(query);
        }

        @Override
        public WorkflowStats getWorkflowStats() {
            return engine.getWorkflowStats();
        }

        @Override
        public String publishEvent(String eventName, String eventKey, Object data) {
            return engine.publishEvent(eventName, eventKey, data);
        }

        @Override
        public void addListener(WorkflowListener listener) {
            engine.addListener(listener);
        }

        @Override
        public void addStartInterceptor(StartInterceptor interceptor) {
            engine.addStartInterceptor(interceptor);
        }

        @Override
        public WorkflowStore store() {
            return engine.store();
        }

        @Override
        public ErrorHandler errorHandler() {
            return engine.errorHandler();
        }

        @Override
        public Clock clock() {
            return engine.clock();
        }

        @Override
        public void close() {
            engine.close();
        }
    }

    private static WorkflowDefinition simple(String id) {
        return WorkflowDefinition.define(id, "1", Map.class, b -> b.startWith("only", ctx -> ExecutionResult.next()));
    }

    private static Duration timeoutOf(WorkflowRunner runner, String id) {
        return runner.definitions().stream().filter(d -> d.id().equals(id)).findFirst().orElseThrow().options().timeout();
    }

    @Test
    void a_reload_the_engine_refuses_part_way_is_rejected_and_the_previous_definitions_are_restored() {
        ConfigFixture.write(dir, "workflows/a.yml", "id: a\ntimeout: 60000\n");
        ConfigFixture.write(dir, "workflows/b.yml", "id: b\ntimeout: 60000\n");
        List<ValidationResult> rejected = new CopyOnWriteArrayList<>();
        try (RefusingRunner runner = new RefusingRunner(WorkflowRunner.builder().build())) {
            runner.registerWorkflow(simple("a"));
            runner.registerWorkflow(simple("b"));
            try (ConfigurationManager manager = ConfigurationManager.builder(dir).runner(runner)
                    .listener(new ConfigurationListener() {
                        @Override
                        public void rejected(ValidationResult problems) {
                            rejected.add(problems);
                        }
                    }).build()) {
                manager.start();
                assertThat(timeoutOf(runner, "a")).isEqualTo(Duration.ofMinutes(1));
                assertThat(timeoutOf(runner, "b")).isEqualTo(Duration.ofMinutes(1));

                ConfigFixture.write(dir, "workflows/a.yml", "id: a\ntimeout: 120000\n");
                ConfigFixture.write(dir, "workflows/b.yml", "id: b\ntimeout: 120000\n");
                runner.refuseChange.set(2); // the first definition is replaced, the second is refused
                ReloadStatus.Outcome outcome = manager.reload();

                assertThat(outcome.result()).isEqualTo(ReloadStatus.Result.REJECTED);
                assertThat(outcome.generation()).isEqualTo(1);
                assertThat(outcome.problems()).singleElement().satisfies(p ->
                        assertThat(p.message()).contains("DefinitionException").contains("refused by the test")
                                .contains("generation 1 stays in force"));
                assertThat(manager.current().generation()).isEqualTo(1);
                assertThat(manager.workflowConfig("a").orElseThrow().timeoutMillis()).isEqualTo(60_000L);
                assertThat(timeoutOf(runner, "a")).isEqualTo(Duration.ofMinutes(1));
                assertThat(timeoutOf(runner, "b")).isEqualTo(Duration.ofMinutes(1));
                assertThat(manager.status().rejected()).isEqualTo(1);
                assertThat(manager.status().last().result()).isEqualTo(ReloadStatus.Result.REJECTED);
                assertThat(rejected).hasSize(1);

                // once the engine takes it, the same files apply
                ReloadStatus.Outcome retried = manager.reload();
                assertThat(retried.result()).isEqualTo(ReloadStatus.Result.APPLIED);
                assertThat(timeoutOf(runner, "a")).isEqualTo(Duration.ofMinutes(2));
                assertThat(timeoutOf(runner, "b")).isEqualTo(Duration.ofMinutes(2));
            }
        }
    }
}
