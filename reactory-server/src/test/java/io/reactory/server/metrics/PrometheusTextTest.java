package io.reactory.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void reads_types_samples_labels_with_escapes_and_special_values() {
        PrometheusText text = PrometheusText.parse("""
                # HELP reactory_workflow_started_total Instances created
                # TYPE reactory_workflow_started_total counter
                reactory_workflow_started_total{workflow="a\\"b\\\\c\\nd",x="1"} 3.0
                reactory_store_pool_max{store="memory"} NaN
                reactory_step_duration_seconds_bucket{le="+Inf"} 7 1700000000000
                up 1
                """);
        assertThat(text.types()).containsEntry("reactory_workflow_started_total", "counter");
        assertThat(text.value("reactory_workflow_started_total", "workflow", "a\"b\\c\nd")).isEqualTo(3.0);
        assertThat(text.value("reactory_store_pool_max")).isNaN();
        assertThat(text.value("reactory_step_duration_seconds_bucket", "le", "+Inf")).isEqualTo(7);
        assertThat(text.names()).containsExactly("reactory_step_duration_seconds_bucket", "reactory_store_pool_max",
                "reactory_workflow_started_total", "up");
    }

    @Test
    void refuses_malformed_lines_naming_the_line() {
        assertThatThrownBy(() -> PrometheusText.parse("ok 1\nbad{x=1} 2\n")).hasMessageContaining("line 2");
        assertThatThrownBy(() -> PrometheusText.parse("m{a=\"1\"}\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.parse("m 1 2 3\n")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> PrometheusText.parse("# NOTE x\n")).hasMessageContaining("line 1");
    }
}
