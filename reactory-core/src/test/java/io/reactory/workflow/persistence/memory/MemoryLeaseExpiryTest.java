package io.reactory.workflow.persistence.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.InstanceStore.ClaimRequest;
import io.reactory.workflow.persistence.Payload;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A lease past its expiry is lost, even to its old owner and even when no one claimed the instance yet: another node
 * could have, so a renewal that came too late must not make the holder believe its running round may still commit.
 */
class MemoryLeaseExpiryTest {
    private static final Duration LEASE = Duration.ofSeconds(30);
    private final InstanceStore instances = new InMemoryWorkflowStore().instances();
    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    private WorkflowInstance claimed() {
        WorkflowInstance instance = new WorkflowInstance();
        instance.id = "i-1";
        instance.workflowId = "w";
        instance.version = "1";
        instance.status = WorkflowStatus.RUNNING;
        instance.data = Payload.of(Map.of());
        instance.createdAt = t0;
        instance.nextExecution = t0;
        instances.create(instance);
        return instances.claim(new ClaimRequest("node-a", t0, LEASE, 1)).get(0).instance();
    }

    @Test
    void a_renewal_after_expiry_reports_the_lease_lost_and_the_instance_stays_claimable() {
        WorkflowInstance held = claimed();

        Instant late = t0.plus(LEASE);
        assertThat(instances.renewLeases("node-a", Map.of(held.id, held.leaseEpoch), LEASE, late))
                .containsExactly(held.id);
        assertThat(instances.claim(new ClaimRequest("node-b", late, LEASE, 1))).as("not renewed: claimable")
                .extracting(c -> c.instance().id).containsExactly(held.id);
        assertThat(instances.commit(List.of(new InstanceStore.InstanceCommit(held, true, List.of(), false))).get(0)
                .committed()).as("the old holder's round is fenced off").isFalse();
    }

    @Test
    void a_renewal_just_before_expiry_keeps_the_lease() {
        WorkflowInstance held = claimed();

        Instant justBefore = t0.plus(LEASE).minusMillis(1);
        assertThat(instances.renewLeases("node-a", Map.of(held.id, held.leaseEpoch), LEASE, justBefore)).isEmpty();
        assertThat(instances.claim(new ClaimRequest("node-b", t0.plus(LEASE), LEASE, 1))).isEmpty();
    }
}
