package io.reactory.workflow.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.reactory.workflow.api.WorkflowStatus;
import io.reactory.workflow.persistence.InstanceStore.Claim;
import io.reactory.workflow.persistence.InstanceStore.ClaimRequest;
import io.reactory.workflow.persistence.InstanceStore.CommitResult;
import io.reactory.workflow.persistence.InstanceStore.InstanceCommit;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics of the transactional outbox every store with one must have: messages are written with the instance
 * change they describe or not at all, handed out oldest first to one relay at a time, and kept until marked
 * published. Subclass it once per store.
 */
public abstract class OutboxStoreContract {
    protected static final Duration LEASE = Duration.ofSeconds(30);
    protected WorkflowStore store;
    protected OutboxStore outbox;
    protected InstanceStore instances;
    protected Instant now = Instant.parse("2026-03-01T10:00:00Z");

    /** A new, empty store. */
    protected abstract WorkflowStore createStore();

    @BeforeEach
    void open() {
        store = createStore();
        outbox = store.outbox();
        instances = store.instances();
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    private OutboxMessage message(String topic, String key) {
        return new OutboxMessage(UUID.randomUUID().toString(), topic, key, "workflow.test",
                "{\"topic\":\"" + topic + "\"}", now);
    }

    private WorkflowInstance newInstance(String idempotencyKey) {
        WorkflowInstance i = TestInstances.due(now);
        i.idempotencyKey = idempotencyKey;
        return i;
    }

    private List<String> claimedTopics(String owner) {
        return outbox.claim(owner, 100, LEASE, now).stream().map(e -> e.message().topic()).toList();
    }

    @Test
    void appended_messages_come_back_oldest_first_with_every_field_and_increasing_sequences() {
        OutboxMessage first = new OutboxMessage("id-1", "workflow.created.wf", "instance-1", "workflow.created",
                "{\"a\":1}", now);
        OutboxMessage second = new OutboxMessage("id-2", "alert.scheduler.misfire.daily", null, "alert.scheduler.misfire",
                "{\"b\":\"ü\"}", now.plusMillis(1));
        outbox.append(List.of(first, second));

        List<OutboxEntry> entries = outbox.claim("relay-a", 10, LEASE, now);

        assertThat(entries).extracting(OutboxEntry::message).containsExactly(first, second);
        assertThat(entries.get(1).sequence()).isGreaterThan(entries.get(0).sequence());
        assertThat(outbox.pending()).isEqualTo(2);
    }

    @Test
    void claims_respect_the_limit_and_published_messages_are_never_handed_out_again() {
        for (int i = 0; i < 5; i++) {
            outbox.append(List.of(message("t." + i, null)));
        }
        List<OutboxEntry> firstBatch = outbox.claim("relay-a", 3, LEASE, now);
        assertThat(firstBatch).extracting(e -> e.message().topic()).containsExactly("t.0", "t.1", "t.2");

        outbox.markPublished(firstBatch.stream().map(OutboxEntry::sequence).toList());

        assertThat(claimedTopics("relay-a")).containsExactly("t.3", "t.4");
        assertThat(outbox.pending()).isEqualTo(2);
    }

    @Test
    void messages_claimed_but_not_marked_published_are_handed_out_again() {
        outbox.append(List.of(message("t.a", null), message("t.b", null)));
        outbox.claim("relay-a", 10, LEASE, now);

        assertThat(claimedTopics("relay-a")).containsExactly("t.a", "t.b");
    }

    @Test
    void only_one_relay_at_a_time_gets_messages_until_its_lease_expires_or_is_released() {
        outbox.append(List.of(message("t.a", null)));
        assertThat(claimedTopics("relay-a")).containsExactly("t.a");

        assertThat(outbox.claim("relay-b", 10, LEASE, now.plusSeconds(29))).isEmpty();
        assertThat(outbox.claim("relay-b", 10, LEASE, now.plusSeconds(31))).hasSize(1);
        assertThat(outbox.claim("relay-a", 10, LEASE, now.plusSeconds(32))).isEmpty();

        outbox.release("relay-a"); // not the holder: nothing changes
        assertThat(outbox.claim("relay-a", 10, LEASE, now.plusSeconds(33))).isEmpty();
        outbox.release("relay-b");
        assertThat(outbox.claim("relay-a", 10, LEASE, now.plusSeconds(34))).hasSize(1);
    }

    @Test
    void marking_unknown_sequences_changes_nothing() {
        outbox.append(List.of(message("t.a", null)));
        outbox.markPublished(List.of(987_654L));
        assertThat(outbox.pending()).isEqualTo(1);
    }

    @Test
    void an_instance_created_with_messages_stores_both() {
        WorkflowInstance i = newInstance(null);
        instances.create(i, List.of(message("workflow.created.wf", i.id)));

        assertThat(instances.find(i.id)).isPresent();
        assertThat(claimedTopics("relay-a")).containsExactly("workflow.created.wf");
    }

    @Test
    void a_duplicate_start_with_the_same_idempotency_key_writes_no_messages() {
        WorkflowInstance first = newInstance("key-1");
        instances.create(first, List.of(message("workflow.created.first", first.id)));
        WorkflowInstance second = newInstance("key-1");

        String id = instances.create(second, List.of(message("workflow.created.second", second.id)));

        assertThat(id).isEqualTo(first.id);
        assertThat(claimedTopics("relay-a")).containsExactly("workflow.created.first");
    }

    @Test
    void a_commit_stores_its_messages_in_order_after_those_of_earlier_commits() {
        WorkflowInstance i = newInstance(null);
        instances.create(i, List.of(message("workflow.created.wf", i.id)));
        Claim claim = instances.claim(new ClaimRequest("node-a", now, LEASE, 1)).get(0);
        WorkflowInstance held = claim.instance();
        held.status = WorkflowStatus.COMPLETED;
        held.nextExecution = null;

        CommitResult result = instances.commit(List.of(new InstanceCommit(held, true, List.of(), false)
                .withOutbox(List.of(message("workflow.started.wf", i.id), message("workflow.completed.wf", i.id)))))
                .get(0);

        assertThat(result.committed()).isTrue();
        assertThat(claimedTopics("relay-a"))
                .containsExactly("workflow.created.wf", "workflow.started.wf", "workflow.completed.wf");
    }

    @Test
    void a_commit_refused_by_the_lease_fence_writes_no_messages() {
        WorkflowInstance i = newInstance(null);
        instances.create(i);
        WorkflowInstance stale = instances.claim(new ClaimRequest("node-a", now, LEASE, 1)).get(0).instance();
        // node-a's lease expires and node-b takes the instance over
        instances.claim(new ClaimRequest("node-b", now.plus(LEASE).plusSeconds(1), LEASE, 1));
        stale.status = WorkflowStatus.RUNNING;

        CommitResult result = instances.commit(List.of(new InstanceCommit(stale, true, List.of(), false)
                .withOutbox(List.of(message("workflow.started.wf", i.id))))).get(0);

        assertThat(result.committed()).isFalse();
        assertThat(outbox.pending()).isZero();
        assertThat(claimedTopics("relay-a")).isEmpty();
    }

    @Test
    void messages_outlive_the_deletion_of_their_instance() {
        WorkflowInstance i = newInstance(null);
        instances.create(i, List.of(message("workflow.created.wf", i.id)));
        instances.delete(java.util.Set.of(i.id));

        assertThat(claimedTopics("relay-a")).containsExactly("workflow.created.wf");
    }
}
