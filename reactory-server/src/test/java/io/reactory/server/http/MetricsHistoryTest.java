package io.reactory.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.api.WorkflowStats;
import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsHistoryTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
    private long started;
    private long completed;
    private long failed;
    private long running;
    private List<CircuitBreakerSource.Breaker> breakers = List.of();
    private final MetricsHistory history = new MetricsHistory(this::stats, () -> breakers, clock, Duration.ofSeconds(10),
            Duration.ofHours(1));

    private WorkflowStats stats() {
        return new WorkflowStats(Map.of(WorkflowStatus.RUNNING, running, WorkflowStatus.PENDING, 2L), started, completed,
                failed, 0, completed * 3, 1, 4);
    }

    /** Ten seconds pass, in which {@code done} instances complete and {@code lost} fail. */
    private void tick(int done, int lost) {
        clock.advance(Duration.ofSeconds(10));
        started += done + lost;
        completed += done;
        failed += lost;
        history.sample();
    }

    @Test
    void rates_are_per_minute_over_the_minute_before_each_point() {
        history.sample();
        for (int i = 0; i < 12; i++) {
            tick(5, 0);
        }
        List<MetricsHistory.Point> points = history.points(Duration.ofHours(1));
        // twelve stored intervals and the point taken now (no time passed: it adds nothing)
        assertThat(points).hasSize(12);
        // 5 every 10 s is 30 a minute, whether the history holds a whole minute yet or not
        assertThat(points).allSatisfy(p -> assertThat(p.completedPerMinute()).isEqualTo(30.0));
        assertThat(points.get(11).stepsPerSecond()).isEqualTo(1.5);
        tick(0, 0);
        tick(0, 0);
        tick(0, 0);
        List<MetricsHistory.Point> later = history.points(Duration.ofHours(1));
        // the last minute held three quiet intervals out of six
        assertThat(later.get(later.size() - 1).completedPerMinute()).isEqualTo(15.0);
    }

    @Test
    void the_failure_rate_is_the_share_of_finished_instances_that_failed_and_absent_when_none_finished() {
        history.sample();
        tick(0, 0);
        tick(3, 1);
        List<MetricsHistory.Point> points = history.points(Duration.ofHours(1));
        assertThat(points.get(0).failureRate()).isNull();
        assertThat(points.get(1).failureRate()).isEqualTo(25.0);
        assertThat(points.get(1).failedPerMinute()).isEqualTo(3.0);
    }

    @Test
    void levels_and_breaker_states_are_those_at_each_point() {
        history.sample();
        running = 7;
        breakers = List.of(new CircuitBreakerSource.Breaker("payments", "OPEN", 80.0));
        tick(0, 0);
        MetricsHistory.Point point = history.points(Duration.ofHours(1)).get(0);
        assertThat(point.running()).isEqualTo(7);
        assertThat(point.queued()).isEqualTo(2);
        assertThat(point.inFlight()).isEqualTo(1);
        assertThat(point.breakers()).containsEntry("payments", "OPEN");
    }

    @Test
    void the_newest_point_is_taken_at_the_time_of_the_request() {
        history.sample();
        clock.advance(Duration.ofSeconds(4));
        completed = 2;
        List<MetricsHistory.Point> points = history.points(Duration.ofHours(1));
        assertThat(points).hasSize(1);
        assertThat(points.get(0).at()).isEqualTo(clock.instant());
        assertThat(points.get(0).completedPerMinute()).isEqualTo(30.0);
    }

    @Test
    void keeps_one_window_and_answers_the_span_asked_for() {
        history.sample();
        for (int i = 0; i < 2 * 360; i++) {
            tick(1, 0);
        }
        List<MetricsHistory.Point> hour = history.points(Duration.ofHours(1));
        assertThat(hour.size()).isBetween(359, 361);
        assertThat(hour.get(0).at()).isAfterOrEqualTo(clock.instant().minus(Duration.ofHours(1)));
        List<MetricsHistory.Point> quarter = history.points(Duration.ofMinutes(15));
        assertThat(quarter.size()).isBetween(89, 91);
        // asking for more than the window gives the window
        assertThat(history.points(Duration.ofHours(5))).hasSameSizeAs(hour);
        List<Instant> times = new ArrayList<>();
        hour.forEach(p -> times.add(p.at()));
        assertThat(times).isSorted();
    }

    @Test
    void refuses_a_step_that_is_not_positive_or_longer_than_the_window() {
        assertThatThrownBy(() -> new MetricsHistory(this::stats, CircuitBreakerSource.none(), clock, Duration.ZERO,
                Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("step");
        assertThatThrownBy(() -> new MetricsHistory(this::stats, CircuitBreakerSource.none(), clock, Duration.ofHours(2),
                Duration.ofHours(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
