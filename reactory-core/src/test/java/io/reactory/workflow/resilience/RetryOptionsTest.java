package io.reactory.workflow.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryOptionsTest {
    @Test
    void backoff_grows_by_the_coefficient_up_to_the_cap() {
        RetryOptions options = RetryOptions.builder().initialInterval(Duration.ofSeconds(1)).backoffCoefficient(2)
                .maximumInterval(Duration.ofSeconds(5)).build();
        assertThat(options.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(options.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(options.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(options.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(options.backoff(40)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void jitter_only_shortens_within_its_fraction() {
        RetryOptions options = RetryOptions.builder().initialInterval(Duration.ofSeconds(10)).jitter(0.2).build();
        for (int k = 0; k < 1000; k++) {
            Duration d = options.backoff(1);
            assertThat(d).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
        }
    }

    @Test
    void capped_waits_with_jitter_stay_between_the_jittered_floor_and_the_cap() {
        RetryOptions options = RetryOptions.builder().initialInterval(Duration.ofSeconds(10)).backoffCoefficient(3)
                .maximumInterval(Duration.ofSeconds(60)).jitter(0.25).build();
        for (int k = 0; k < 1000; k++) {
            assertThat(options.backoff(2)).isBetween(Duration.ofMillis(22_500), Duration.ofSeconds(30));
            assertThat(options.backoff(3)).as("90 s capped at 60 s").isBetween(Duration.ofSeconds(45), Duration.ofSeconds(60));
            assertThat(options.backoff(30)).isBetween(Duration.ofSeconds(45), Duration.ofSeconds(60));
        }
    }

    @Test
    void bad_options_name_the_field() {
        assertThatThrownBy(() -> RetryOptions.builder().backoffCoefficient(0.5).build())
                .hasMessageContaining("backoffCoefficient");
        assertThatThrownBy(() -> RetryOptions.builder().maximumAttempts(-1).build()).hasMessageContaining("maximumAttempts");
        assertThatThrownBy(() -> RetryOptions.builder().jitter(2).build()).hasMessageContaining("jitter");
    }

    @Test
    void non_retryable_types_match_subclasses_by_name() {
        RetryOptions options = RetryOptions.builder().doNotRetry(IllegalArgumentException.class).build();
        assertThat(options.isNonRetryable(new NumberFormatException())).isTrue();
        assertThat(options.isNonRetryable(new IllegalStateException())).isFalse();
        assertThat(RetryOptions.DEFAULT.allowsAnotherAttempt(2)).isTrue();
        assertThat(RetryOptions.DEFAULT.allowsAnotherAttempt(3)).isFalse();
    }
}
