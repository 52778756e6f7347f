package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Inserts new instances, committing the creates of concurrent callers together (group commit): a caller queues its
 * instance and, if no other caller leads, leads: it writes everything queued so far in one transaction (again until
 * its own instance is written), while the others wait for theirs, so while one transaction is being made durable the
 * next batch gathers. Followers wait on their own instance, not on the lead, so a written batch costs no hand-offs.
 * Every caller returns only after its instance is committed. When a batch fails, its creates are tried one by one,
 * so one bad instance fails only its own caller.
 */
final class InstanceCreates {
    private static final int MAX_BATCH = 512;
    private static final long FOLLOWER_WAIT_NANOS = java.time.Duration.ofMillis(100).toNanos();
    private static final String BY_IDEMPOTENCY_KEY = "SELECT id FROM wf_instances WHERE idempotency_key = ?";

    private final Database database;
    private final CommitRows<OutboxMessage> outboxRows;
    private final WorkNotifier notifier;
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock leader = new ReentrantLock();

    InstanceCreates(Database database, CommitRows<OutboxMessage> outboxRows, WorkNotifier notifier) {
        this.database = database;
        this.outboxRows = outboxRows;
        this.notifier = notifier;
    }

    private static final class Pending {
        final WorkflowInstance instance;
        final List<OutboxMessage> outbox;
        final Thread thread = Thread.currentThread();
        volatile boolean done;
        String id;
        RuntimeException failure;

        Pending(WorkflowInstance instance, List<OutboxMessage> outbox) {
            this.instance = instance;
            this.outbox = outbox;
        }
    }

    /** Creates the instance in a transaction shared with concurrent creates; the id it got (see {@link #within}). */
    String create(WorkflowInstance instance, List<OutboxMessage> outbox) {
        Pending mine = new Pending(instance, outbox);
        queue.add(mine);
        while (!mine.done) {
            if (leader.tryLock()) {
                try {
                    while (!mine.done) {
                        writeQueued();
                    }
                } finally {
                    leader.unlock();
                }
                // hand the lead to a caller that queued while this one wrote (it failed tryLock before the unlock)
                Pending next = queue.peek();
                if (next != null) {
                    LockSupport.unpark(next.thread);
                }
            } else {
                // woken when a leader has written this create, or hands over the lead; the timeout only guards
                LockSupport.parkNanos(this, FOLLOWER_WAIT_NANOS);
            }
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
        return mine.id;
    }

    private void writeQueued() {
        List<Pending> batch = new ArrayList<>();
        for (Pending p; batch.size() < MAX_BATCH && (p = queue.poll()) != null; ) {
            batch.add(p);
        }
        if (batch.isEmpty()) {
            return;
        }
        try {
            List<String> ids = Conflicts.retry(database, c -> write(c, batch));
            for (int k = 0; k < batch.size(); k++) {
                batch.get(k).id = ids.get(k);
            }
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).failure = batchFailed;
            } else {
                for (Pending p : batch) {
                    try {
                        p.id = Conflicts.retry(database, c -> write(c, List.of(p)).get(0));
                    } catch (RuntimeException e) {
                        p.failure = e;
                    }
                }
            }
        }
        for (Pending p : batch) {
            p.done = true;
            LockSupport.unpark(p.thread);
        }
    }

    /**
     * Inserts a new instance and its outbox messages on {@code c}, inside the caller's transaction, and notifies other
     * nodes when it commits.
     *
     * @return its id, or the id of the instance that has its idempotency key already (then nothing is written)
     */
    String within(Connection c, WorkflowInstance instance, List<OutboxMessage> outbox) throws SQLException {
        return write(c, List.of(new Pending(instance, outbox))).get(0);
    }

    /**
     * The batch's instances: those without an idempotency key in one JDBC batch (they cannot conflict but by id, which
     * fails the batch), those with one one by one (each may turn out to exist already).
     */
    private List<String> write(Connection c, List<Pending> batch) throws SQLException {
        String[] ids = new String[batch.size()];
        List<OutboxMessage> outbox = new ArrayList<>();
        boolean due = false;
        List<Integer> keyless = new ArrayList<>();
        try (PreparedStatement keyed = c.prepareStatement(InstanceRows.INSERT)) {
            for (int k = 0; k < batch.size(); k++) {
                WorkflowInstance i = batch.get(k).instance;
                if (i.idempotencyKey == null) {
                    keyless.add(k);
                } else {
                    InstanceRows.bindInsert(keyed, i);
                    ids[k] = keyed.executeUpdate() == 1 ? i.id : existing(c, i);
                }
            }
        }
        if (!keyless.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(InstanceRows.INSERT)) {
                for (int k : keyless) {
                    InstanceRows.bindInsert(s, batch.get(k).instance);
                    s.addBatch();
                }
                s.executeBatch();
            }
            for (int k : keyless) {
                ids[k] = batch.get(k).instance.id;
            }
        }
        for (int k = 0; k < batch.size(); k++) {
            Pending p = batch.get(k);
            if (ids[k].equals(p.instance.id)) {
                outbox.addAll(p.outbox);
                due |= p.instance.nextExecution != null;
            }
        }
        if (!outbox.isEmpty()) {
            outboxRows.insert(c, outbox);
        }
        if (due) {
            notifier.notifyOthers(c);
        }
        return List.of(ids);
    }

    private static String existing(Connection c, WorkflowInstance instance) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(BY_IDEMPOTENCY_KEY)) {
            s.setString(1, instance.idempotencyKey);
            try (ResultSet rows = s.executeQuery()) {
                if (rows.next()) {
                    return rows.getString(1);
                }
            }
        }
        throw new IllegalStateException("instance " + instance.id + " was neither inserted nor found by its key");
    }
}
