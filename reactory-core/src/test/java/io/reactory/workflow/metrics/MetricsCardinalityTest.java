package io.reactory.workflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.api.StartOptions;
import io.reactory.workflow.definition.WorkflowDefinition;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Labels stay bounded: no instance id or business reference ever becomes a tag value; each key is capped. */
class MetricsCardinalityTest {

    @Test
    void no_instance_id_or_reference_appears_in_any_tag_after_many_instances() {
        try (MetricsFixture f = new MetricsFixture()) {
            f.env.runner().registerWorkflow(WorkflowDefinition.define("many", "1", MetricsFixture.Data.class, b -> b
                    .startWith("a", ctx -> ExecutionResult.next())
                    .then("b", ctx -> ctx.data().counter % 3 == 0 ? ExecutionResult.failNonRetryable("x")
                            : ExecutionResult.next())));
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < 300; i++) {
                MetricsFixture.Data data = new MetricsFixture.Data();
                data.counter = i;
                ids.add(f.env.runner().startWorkflow("many", null, data, StartOptions.DEFAULT.withReference("ref-" + i)));
            }
            f.env.runUntilIdle();

            Set<String> values = f.meters().stream().flatMap(m -> m.getId().getTags().stream()).map(Tag::getValue)
                    .collect(Collectors.toSet());
            assertThat(values).doesNotContainAnyElementsOf(ids);
            assertThat(values).noneMatch(v -> v.startsWith("ref-"));
            // (the simple registry shows each histogram bucket as a ".histogram" gauge: not a meter of ours)
            long reactorySeries = f.meters().stream().map(m -> m.getId().getName())
                    .filter(n -> n.startsWith("reactory.") && !n.endsWith(".histogram")).count();
            assertThat(reactorySeries).as("series do not grow with instances").isLessThan(80);
        }
    }

    @Test
    void the_catalogue_never_uses_a_per_instance_or_per_user_tag_key() {
        Set<String> forbidden = Set.of("instance", "instance_id", "instanceId", "reference", "user", "actor", "key",
                "address", "request_id");
        for (ReactoryMetrics.Definition d : ReactoryMetrics.all()) {
            assertThat(d.tags()).as(d.name()).doesNotContainAnyElementsOf(forbidden);
            assertThat(d.name()).startsWith("reactory.");
        }
        assertThat(ReactoryMetrics.all().stream().map(ReactoryMetrics.Definition::name)).doesNotHaveDuplicates();
    }

    @Test
    void a_tag_key_past_its_limit_records_further_values_as_other_and_counts_the_overflow() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MeterFactory meters = new MeterFactory(registry, 10);
        for (int i = 0; i < 25; i++) {
            meters.counter(ReactoryMetrics.WORKFLOW_STARTED, "workflow-" + i).increment();
        }
        java.util.Collection<Meter> started = registry.find("reactory.workflow.started").meters();
        assertThat(started).hasSize(11);
        assertThat(registry.find("reactory.workflow.started").tag("workflow", TagGuard.OTHER).counter().count())
                .isEqualTo(15);
        assertThat(registry.find("reactory.metrics.tag.overflow").tag("tag", "reactory.workflow.started/workflow").counter().count()).isEqualTo(15);
        // the limit is per meter: another meter's workflow tag still has room
        meters.counter(ReactoryMetrics.WORKFLOW_COMPLETED, "workflow-20").increment();
        assertThat(registry.find("reactory.workflow.completed").tag("workflow", "workflow-20").counter()).isNotNull();
        // a value seen before the limit keeps its own series
        meters.counter(ReactoryMetrics.WORKFLOW_STARTED, "workflow-3").increment();
        assertThat(registry.find("reactory.workflow.started").tag("workflow", "workflow-3").counter().count()).isEqualTo(2);
    }

    @Test
    void every_meter_the_metrics_register_is_in_the_catalogue() {
        try (MetricsFixture f = new MetricsFixture()) {
            f.env.runner().registerWorkflow(WorkflowDefinition.define("one", "1", MetricsFixture.Data.class, b -> b
                    .startWith("a", ctx -> ExecutionResult.failNonRetryable("x"))));
            f.env.runUntilIdle();
            f.env.runner().startWorkflow("one", null);
            f.env.runUntilIdle();
            Set<String> catalogue = ReactoryMetrics.all().stream().map(ReactoryMetrics.Definition::name)
                    .collect(Collectors.toSet());
            Set<String> registered = f.meters().stream().map(m -> m.getId().getName())
                    .filter(n -> n.startsWith("reactory.") && !n.endsWith(".histogram")).collect(Collectors.toSet());
            assertThat(catalogue).containsAll(registered);
        }
    }
}
