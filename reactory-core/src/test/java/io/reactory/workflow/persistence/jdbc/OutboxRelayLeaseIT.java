package io.reactory.workflow.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.OutboxStore;
import io.reactory.workflow.testing.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay lease as shipped ({@link DatabaseOptions.LeaseClock#DATABASE}): the time a relay passes in does not
 * decide who sends, so a node whose clock runs ahead cannot take the lease from the holder. (The store contracts run
 * with the engine's clock, to move it by hand.)
 */
class OutboxRelayLeaseIT {
    private static final Instant FAR_AHEAD = Instant.parse("2100-01-01T00:00:00Z");

    private static OutboxMessage message() {
        return new OutboxMessage(UUID.randomUUID().toString(), "alert.test", null, "alert.test", "{}",
                Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void on_postgres_a_relay_with_a_clock_far_ahead_cannot_take_the_lease_until_the_database_clock_passes_it() {
        try (JdbcWorkflowStore store = new JdbcWorkflowStore(Database.open(TestDatabases.postgres()))) {
            OutboxStore outbox = store.outbox();
            outbox.append(List.of(message()));
            assertThat(outbox.claim("relay-a", 10, Duration.ofMillis(300), Instant.EPOCH)).hasSize(1);

            assertThat(outbox.claim("relay-b", 10, Duration.ofSeconds(30), FAR_AHEAD))
                    .as("relay-b's clock says the lease expired long ago; the database's does not").isEmpty();
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !outbox.claim("relay-b", 10, Duration.ofSeconds(30), Instant.EPOCH).isEmpty());
            assertThat(outbox.claim("relay-a", 10, Duration.ofSeconds(30), FAR_AHEAD)).isEmpty();
        }
    }

    @Test
    void on_sqlite_the_lease_is_judged_by_the_store_process_clock_not_the_callers() {
        ManualClock processClock = ManualClock.startingAt2026();
        try (JdbcWorkflowStore store = new JdbcWorkflowStore(Database.open(TestDatabases.sqlite()), processClock)) {
            OutboxStore outbox = store.outbox();
            outbox.append(List.of(message()));
            assertThat(outbox.claim("relay-a", 10, Duration.ofSeconds(30), Instant.EPOCH)).hasSize(1);

            assertThat(outbox.claim("relay-b", 10, Duration.ofSeconds(30), FAR_AHEAD)).isEmpty();
            processClock.advance(Duration.ofSeconds(30));
            assertThat(outbox.claim("relay-b", 10, Duration.ofSeconds(30), Instant.EPOCH)).hasSize(1);
        }
    }
}
