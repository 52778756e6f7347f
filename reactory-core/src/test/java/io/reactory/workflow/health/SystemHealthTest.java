package io.reactory.workflow.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reactory.workflow.definition.WorkflowDefinition;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.PoolStats;
import io.reactory.workflow.persistence.WorkflowStore;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.resilience.CircuitBreakerOptions;
import io.reactory.workflow.testing.TestWorkflowEnvironment;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Readiness follows the critical components, liveness the engine; each core indicator's verdicts. */
class SystemHealthTest {

    @Test
    void a_critical_component_down_makes_the_system_not_ready_and_another_only_degraded() {
        AtomicReference<Health> store = new AtomicReference<>(Health.up("answers"));
        AtomicReference<Health> broker = new AtomicReference<>(Health.up("connected"));
        SystemHealth health = SystemHealth.builder().cacheFor(Duration.ZERO)
                .liveness("engine", () -> Health.up("running"))
                .critical("store", store::get)
                .component("broker", broker::get)
                .build();
        assertThat(health.check().status()).isEqualTo(Health.Status.UP);

        broker.set(Health.down("no connection"));
        assertThat(health.check().status()).isEqualTo(Health.Status.DEGRADED);
        assertThat(health.check().ready()).isTrue();
        assertThat(health.check().components().get("broker").health().status()).isEqualTo(Health.Status.DOWN);

        store.set(Health.down("unreachable"));
        assertThat(health.check().status()).isEqualTo(Health.Status.DOWN);
        assertThat(health.check().ready()).isFalse();
        // liveness looks at the engine only: a store outage does not ask for a restart
        assertThat(health.live().ready()).isTrue();
        assertThat(health.live().components()).containsOnlyKeys("engine");
    }

    @Test
    void an_indicator_that_throws_counts_as_down_and_names_are_unique() {
        SystemHealth health = SystemHealth.builder().critical("store", () -> {
            throw new IllegalStateException("jdbc:postgresql://secret-host/db refused");
        }).build();
        Health store = health.check().components().get("store").health();
        assertThat(store.status()).isEqualTo(Health.Status.DOWN);
        assertThat(store.detail()).doesNotContain("secret-host");
        assertThatThrownBy(() -> SystemHealth.builder().component("a", () -> null).component("a", () -> null))
                .hasMessageContaining("'a' is registered twice");
    }

    @Test
    void reports_are_reused_within_the_cache_period() {
        int[] calls = new int[1];
        SystemHealth health = SystemHealth.builder().cacheFor(Duration.ofMinutes(1))
                .component("x", () -> {
                    calls[0]++;
                    return Health.up(null);
                }).build();
        health.check();
        health.check();
        assertThat(calls[0]).isEqualTo(1);
    }

    @Test
    void the_engine_is_down_once_its_runner_is_closed() {
        TestWorkflowEnvironment env = TestWorkflowEnvironment.create();
        HealthIndicator engine = HealthIndicators.engine(env.runner());
        assertThat(engine.check().status()).isEqualTo(Health.Status.UP);
        env.close();
        assertThat(engine.check().status()).isEqualTo(Health.Status.DOWN);
    }

    @Test
    void the_store_is_down_when_its_ping_fails_or_hangs_and_degraded_when_its_pool_is_exhausted() throws Exception {
        InMemoryWorkflowStore memory = new InMemoryWorkflowStore();
        assertThat(HealthIndicators.store(memory, Duration.ofSeconds(2)).check().status()).isEqualTo(Health.Status.UP);

        WorkflowStore failing = new StoreDouble(memory) {
            @Override
            public void ping() {
                throw new IllegalStateException("connection refused to db.internal:5432");
            }
        };
        Health down = HealthIndicators.store(failing, Duration.ofSeconds(2)).check();
        assertThat(down.status()).isEqualTo(Health.Status.DOWN);
        assertThat(down.detail()).isEqualTo("the store failed: IllegalStateException");

        CountDownLatch release = new CountDownLatch(1);
        WorkflowStore hanging = new StoreDouble(memory) {
            @Override
            public void ping() {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        assertThat(HealthIndicators.store(hanging, Duration.ofMillis(50)).check().detail())
                .contains("did not answer within");
        release.countDown();

        WorkflowStore busy = new StoreDouble(memory) {
            @Override
            public Optional<PoolStats> pool() {
                return Optional.of(new PoolStats(4, 0, 3, 4));
            }
        };
        Health degraded = HealthIndicators.store(busy, Duration.ofSeconds(2)).check();
        assertThat(degraded.status()).isEqualTo(Health.Status.DEGRADED);
        assertThat(degraded.details()).containsKey("pool");
    }

    @Test
    void breakers_that_are_not_closed_degrade_and_are_named() {
        try (TestWorkflowEnvironment env = TestWorkflowEnvironment.create()) {
            env.runner().errorHandler().configureCircuitBreaker("payments", CircuitBreakerOptions.builder()
                    .failureRateThreshold(0).consecutiveFailures(1).build());
            env.runner().registerWorkflow(WorkflowDefinition.define("pay", "1", java.util.HashMap.class, b -> b
                    .startWith("charge", ctx -> {
                        throw new IllegalStateException("down");
                    }).circuitBreaker("payments")));
            HealthIndicator breakers = HealthIndicators.circuitBreakers(env.runner().errorHandler());
            assertThat(breakers.check().status()).isEqualTo(Health.Status.UP);
            env.runner().startWorkflow("pay", null);
            env.runUntilIdle();
            Health health = breakers.check();
            assertThat(health.status()).isEqualTo(Health.Status.DEGRADED);
            assertThat(health.details().get("notClosed")).asList().containsExactly("payments OPEN");
        }

    }

    /** A store that delegates to another; tests override what they break. */
    private static class StoreDouble implements WorkflowStore {
        private final WorkflowStore delegate;

        StoreDouble(WorkflowStore delegate) {
            this.delegate = delegate;
        }

        @Override
        public InstanceStore instances() {
            return delegate.instances();
        }

        @Override
        public io.reactory.workflow.persistence.EventStore events() {
            return delegate.events();
        }

        @Override
        public String kind() {
            return "double";
        }
    }
}
