package io.reactory.workflow.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.ExecutionResult;
import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.definition.WorkflowOptions;
import io.reactory.workflow.resilience.RetryOptions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The YAML's error-handling fields mapped to retry and workflow options. */
class ConfiguredErrorHandlingTest {

    static WorkflowConfig workflow(Integer maxRetries, Long timeoutMillis) {
        return new WorkflowConfig("data-processing", "etl", "Data Processing Pipeline", "1.0", true, maxRetries,
                timeoutMillis, "normal", 5, null, null, null, null);
    }

    @Test
    void max_retries_counts_retries_after_the_first_attempt() {
        RetryOptions base = RetryOptions.builder().initialInterval(Duration.ofSeconds(3)).build();
        RetryOptions retry = ConfiguredErrorHandling.retryOptions(workflow(3, null), base);

        assertThat(retry.maximumAttempts()).isEqualTo(4);
        assertThat(retry.initialInterval()).as("the rest comes from the base").isEqualTo(Duration.ofSeconds(3));
        assertThat(ConfiguredErrorHandling.retryOptions(workflow(0, null), base).maximumAttempts()).isEqualTo(1);
        assertThat(ConfiguredErrorHandling.retryOptions(workflow(null, null), base)).isSameAs(base);
    }

    @Test
    void a_negative_max_retries_is_refused_naming_the_field() {
        assertThatThrownBy(() -> ConfiguredErrorHandling.retryOptions(workflow(-1, null), RetryOptions.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetries")
                .hasMessageContaining("data-processing");
    }

    @Test
    void a_schedule_retry_section_means_attempts_in_all_a_fixed_delay_apart() {
        RetryOptions retry = ConfiguredErrorHandling.retryOptions(new ScheduleConfig.Retry(3, 300L), RetryOptions.DEFAULT);

        assertThat(retry.maximumAttempts()).isEqualTo(3);
        assertThat(retry.backoff(1)).isEqualTo(Duration.ofMinutes(5));
        assertThat(retry.backoff(2)).isEqualTo(Duration.ofMinutes(5));
        assertThat(retry.backoff(9)).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfiguredErrorHandling.retryOptions((ScheduleConfig.Retry) null, RetryOptions.DEFAULT))
                .isSameAs(RetryOptions.DEFAULT);
        assertThat(ConfiguredErrorHandling.retryOptions(new ScheduleConfig.Retry(null, 10L), RetryOptions.DEFAULT)
                .maximumAttempts()).isEqualTo(RetryOptions.DEFAULT.maximumAttempts());
    }

    @Test
    void bad_schedule_retry_values_are_refused_naming_the_field() {
        assertThatThrownBy(() -> ConfiguredErrorHandling.retryOptions(new ScheduleConfig.Retry(0, 10L), RetryOptions.DEFAULT))
                .hasMessageContaining("retry.attempts");
        assertThatThrownBy(() -> ConfiguredErrorHandling.retryOptions(new ScheduleConfig.Retry(2, -5L), RetryOptions.DEFAULT))
                .hasMessageContaining("retry.delay");
    }

    @Test
    void the_workflow_file_sets_the_default_retry_and_replaces_the_timeout() {
        WorkflowOptions base = WorkflowOptions.DEFAULT.withTimeout(Duration.ofHours(1));

        WorkflowOptions options = ConfiguredErrorHandling.workflowOptions(workflow(2, 300_000L), base);

        assertThat(options.defaultRetry().maximumAttempts()).isEqualTo(3);
        assertThat(options.timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConfiguredErrorHandling.workflowOptions(workflow(null, null), base)).isEqualTo(base);
        assertThatThrownBy(() -> ConfiguredErrorHandling.workflowOptions(workflow(null, 0L), base))
                .hasMessageContaining("timeout");
    }

    @Test
    void applying_a_configuration_keeps_the_graph_of_the_definition() {
        WorkflowDefinition definition = WorkflowDefinition.define("data-processing", "1.0", Map.class, b -> b
                .startWith("extract", ctx -> ExecutionResult.next()).then("load", ctx -> ExecutionResult.next()));

        WorkflowDefinition configured = ConfiguredErrorHandling.apply(workflow(1, 60_000L), definition);

        assertThat(configured.steps()).isEqualTo(definition.steps());
        assertThat(configured.id()).isEqualTo("data-processing");
        assertThat(configured.version()).isEqualTo(definition.version());
        assertThat(configured.options().timeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(configured.options().defaultRetry().maximumAttempts()).isEqualTo(2);
    }
}
