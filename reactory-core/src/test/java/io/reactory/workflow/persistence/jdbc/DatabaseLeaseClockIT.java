package io.reactory.workflow.persistence.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.InstanceStore.Claim;
import io.reactory.workflow.persistence.InstanceStore.ClaimRequest;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import io.reactory.workflow.persistence.TestInstances;
import io.reactory.workflow.persistence.WorkflowInstance;
import io.reactory.workflow.testing.ManualClock;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With the default {@link DatabaseOptions.LeaseClock#DATABASE}, lease expiry is judged by the database's clock, never
 * by the {@code now} a node passes: a node whose clock runs far ahead cannot take a live lease, and a lease expires
 * when the database's time passes it.
 */
class DatabaseLeaseClockIT {
    private static final Duration LEASE = Duration.ofSeconds(30);

    @Test
    void postgres_judges_leases_by_clock_timestamp() {
        try (JdbcWorkflowStore store = new JdbcWorkflowStore(Database.open(TestDatabases.postgres()))) {
            InstanceStore instances = store.instances();
            Instant now = Instant.now();
            WorkflowInstance created = newInstance(now);
            instances.create(created);

            Claim held = instances.claim(new ClaimRequest("node-a", now, LEASE, 10)).get(0);
            long dbNow = store.database().read(c -> {
                try (ResultSet rows = c.createStatement().executeQuery(
                        "SELECT floor(extract(epoch FROM clock_timestamp()) * 1000000)::bigint")) {
                    rows.next();
                    return rows.getLong(1);
                }
            });
            assertThat(leaseExpiresAt(store, created.id)).as("epoch micros of the database clock, plus the lease")
                    .isBetween(dbNow + LEASE.toNanos() / 1000 - 5_000_000, dbNow + LEASE.toNanos() / 1000);

            Instant farFuture = now.plus(Duration.ofDays(3650));
            assertThat(instances.claim(new ClaimRequest("node-b", farFuture, LEASE, 10)))
                    .as("a node with a clock ten years ahead cannot take a live lease").isEmpty();
            assertThat(instances.claimById(created.id, "node-b", LEASE, farFuture)).isEmpty();
            assertThat(instances.renewLeases("node-a", Map.of(created.id, held.instance().leaseEpoch), Duration.ofSeconds(1),
                    farFuture.minus(Duration.ofDays(7300)))).as("renewal does not depend on the node's clock either").isEmpty();

            // a one-second lease (just renewed) expires by the database's clock: node-b takes the instance over
            Claim takenOver = await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> instances.claim(new ClaimRequest("node-b", Instant.now(), LEASE, 10)),
                            claims -> !claims.isEmpty()).get(0);
            assertThat(takenOver.instance().leaseOwner).isEqualTo("node-b");
            assertThat(takenOver.instance().leaseEpoch).isGreaterThan(held.instance().leaseEpoch);

            WorkflowInstance stale = held.instance();
            stale.status = WorkflowStatus.RUNNING;
            assertThat(instances.commit(List.of(new InstanceCommit(stale, true, List.of(), false))).get(0).committed())
                    .as("the frozen holder cannot commit over its successor").isFalse();
        }
    }

    @Test
    void sqlite_judges_leases_by_the_clock_of_the_process_that_owns_the_file() {
        ManualClock storeClock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
        try (JdbcWorkflowStore store = new JdbcWorkflowStore(Database.open(TestDatabases.sqlite()), storeClock)) {
            InstanceStore instances = store.instances();
            Instant now = storeClock.instant();
            WorkflowInstance created = newInstance(now);
            instances.create(created);
            Claim held = instances.claim(new ClaimRequest("node-a", now, LEASE, 10)).get(0);

            Instant farFuture = now.plus(Duration.ofDays(3650));
            assertThat(instances.claim(new ClaimRequest("node-b", farFuture, LEASE, 10))).isEmpty();
            assertThat(instances.claimById(created.id, "node-b", LEASE, farFuture)).isEmpty();

            storeClock.advance(LEASE);
            assertThat(instances.claim(new ClaimRequest("node-b", now, LEASE, 10))).singleElement()
                    .satisfies(c -> assertThat(c.instance().leaseEpoch).isGreaterThan(held.instance().leaseEpoch));
            assertThat(leaseExpiresAt(store, created.id)).isEqualTo(Micros.of(storeClock.instant().plus(LEASE)));
        }
    }

    private static WorkflowInstance newInstance(Instant now) {
        return TestInstances.due(now.truncatedTo(ChronoUnit.MICROS));
    }

    private static long leaseExpiresAt(JdbcWorkflowStore store, String id) {
        return store.database().read(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT lease_expires_at FROM wf_instances WHERE id = ?")) {
                s.setString(1, id);
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    return rows.getLong(1);
                }
            }
        });
    }
}
