package io.reactory.workflow.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class CoarseClockTest {

    @Test
    void wall_time_follows_the_system_clock_within_a_few_milliseconds_and_moves_on() {
        CoarseClock clock = CoarseClock.shared();
        assertThat(clock).isSameAs(CoarseClock.shared());
        long before = System.currentTimeMillis();
        assertThat(clock.wallTime()).isBetween(before - 1_000, before + 1_000);
        await().atMost(Duration.ofSeconds(2)).until(() -> clock.wallTime() > before + 20);
        long monotonic = clock.monotonicTime();
        assertThat(System.nanoTime()).isGreaterThanOrEqualTo(monotonic);
    }
}
