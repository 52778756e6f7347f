package io.reactory.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.server.http.ConfigService;
import io.reactory.server.http.Http;
import io.reactory.server.http.ReactoryServer;
import io.reactory.server.http.ServerOptions;
import io.reactory.workflow.api.WorkflowRunner;
import io.reactory.workflow.health.Health;
import io.reactory.workflow.health.HealthIndicators;
import io.reactory.workflow.health.SystemHealth;
import io.reactory.workflow.persistence.memory.InMemoryWorkflowStore;
import io.reactory.workflow.security.SecurityOptions;
import io.reactory.workflow.security.WorkflowSecurityManager;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** {@code /workflow/status} as a probe: 503 when a critical component is down, liveness only after the engine stops. */
class StatusProbeIT {

    @Test
    void answers_503_when_not_ready_while_the_liveness_probe_stays_up_until_the_engine_stops() {
        InMemoryWorkflowStore store = new InMemoryWorkflowStore();
        WorkflowRunner runner = WorkflowRunner.builder().store(store).build();
        runner.initialize();
        AtomicReference<Health> storeHealth = new AtomicReference<>(Health.up("answers"));
        AtomicReference<Health> broker = new AtomicReference<>(Health.up("connected"));
        SystemHealth health = ReactoryServer.defaultHealth(runner, ConfigService.empty(), null).cacheFor(Duration.ZERO)
                .critical("database", storeHealth::get)
                .component("broker", broker::get)
                .build();
        WorkflowSecurityManager security = WorkflowSecurityManager.create(SecurityOptions.defaults(), store,
                id -> java.util.Optional.empty(), Clock.systemUTC());
        try (ReactoryServer server = ReactoryServer.builder(runner, security).health(health)
                .options(ServerOptions.defaults().withPort(0)).build().start()) {
            Http http = new Http(server.uri());
            assertThat(http.get("/workflow/status").send().json().path("status").asText()).isEqualTo("UP");

            broker.set(Health.down("connection refused"));
            Http.Response degraded = http.get("/workflow/status").send();
            assertThat(degraded.status()).isEqualTo(200);
            assertThat(degraded.json().path("status").asText()).isEqualTo("DEGRADED");
            assertThat(degraded.json().path("components").path("broker").path("critical").asBoolean()).isFalse();

            storeHealth.set(Health.down("unreachable"));
            Http.Response down = http.get("/workflow/status").send();
            assertThat(down.status()).isEqualTo(503);
            assertThat(down.json().path("status").asText()).isEqualTo("DOWN");
            assertThat(down.json().path("ready").asBoolean()).isFalse();
            assertThat(down.json().path("components").path("database").path("detail").asText()).isEqualTo("unreachable");
            assertThat(http.get("/workflow/status?probe=live").send().status()).isEqualTo(200);

            runner.close();
            assertThat(http.get("/workflow/status?probe=live").send().status()).isEqualTo(503);
            assertThat(HealthIndicators.engine(runner).check().status()).isEqualTo(Health.Status.DOWN);
        } finally {
            runner.close();
        }
    }
}
