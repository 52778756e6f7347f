package io.reactory.workflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's metrics table documents every meter of the catalogue with its labels, and every alert. */
class MetricsDocumentationTest {

    @Test
    void the_readme_lists_every_meter_with_its_labels_and_every_alert() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        for (ReactoryMetrics.Definition d : ReactoryMetrics.all()) {
            String labels = d.tags().isEmpty() ? "—" : String.join(", ", d.tags());
            String type = d.kind() == ReactoryMetrics.Kind.TIMER ? "histogram" : d.kind().name().toLowerCase();
            assertThat(readme).as(d.name()).contains("| `" + d.prometheusName() + "` | " + type + " | " + labels + " | ");
        }
        for (AlertType type : AlertType.values()) {
            assertThat(readme).contains("| `" + type.configName() + "` | ");
        }
    }
}
