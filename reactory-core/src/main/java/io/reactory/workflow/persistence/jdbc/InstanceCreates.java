package io.reactory.workflow.persistence.jdbc;

import io.reactory.workflow.internal.GroupCommit;
import io.reactory.workflow.persistence.InstanceStore;
import io.reactory.workflow.persistence.OutboxMessage;
import io.reactory.workflow.persistence.WorkflowInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Inserts new instances, committing the creates of concurrent callers together ({@link GroupCommit}): every caller
 * returns only after its instance is committed. When a batch fails, its creates are tried one by one, so one bad
 * instance fails only its own caller.
 */
final class InstanceCreates {
    private static final int MAX_BATCH = 512;
    private static final String BY_IDEMPOTENCY_KEY = "SELECT id FROM wf_instances WHERE idempotency_key = ?";

    private final Database database;
    private final CommitRows<OutboxMessage> outboxRows;
    private final WorkNotifier notifier;
    private final LeaseTime time;
    private final HeldRows held;
    private final String insertLeased;
    private final GroupCommit<Pending> creates = new GroupCommit<>(MAX_BATCH, this::writeBatch);

    InstanceCreates(Database database, CommitRows<OutboxMessage> outboxRows, WorkNotifier notifier, LeaseTime time,
                    HeldRows held) {
        this.database = database;
        this.outboxRows = outboxRows;
        this.notifier = notifier;
        this.time = time;
        this.held = held;
        this.insertLeased = time.with() + InstanceRows.INSERT_LEASED;
    }

    private static final class Pending extends GroupCommit.Item<String> {
        final WorkflowInstance instance;
        final List<OutboxMessage> outbox;
        /** Null for an instance created unleased. */
        final InstanceStore.Lease lease;

        Pending(WorkflowInstance instance, List<OutboxMessage> outbox, InstanceStore.Lease lease) {
            this.instance = instance;
            this.outbox = outbox;
            this.lease = lease;
        }
    }

    /**
     * Creates the instance in a transaction shared with concurrent creates, leased to {@code lease}'s owner unless
     * that is null; the id it got (see {@link #within}).
     */
    String create(WorkflowInstance instance, List<OutboxMessage> outbox, InstanceStore.Lease lease) {
        Pending mine = new Pending(instance, outbox, lease);
        creates.submit(mine);
        return mine.resultOrThrow();
    }

    private void writeBatch(List<Pending> batch) {
        try {
            List<String> ids = Conflicts.retry(database, c -> write(c, batch));
            for (int k = 0; k < batch.size(); k++) {
                batch.get(k).succeed(ids.get(k));
            }
        } catch (RuntimeException batchFailed) {
            if (batch.size() == 1) {
                batch.get(0).fail(batchFailed);
                return;
            }
            for (Pending p : batch) {
                try {
                    p.succeed(Conflicts.retry(database, c -> write(c, List.of(p)).get(0)));
                } catch (RuntimeException e) {
                    p.fail(e);
                }
            }
        }
    }

    /**
     * Inserts a new instance and its outbox messages on {@code c}, inside the caller's transaction, and notifies other
     * nodes when it commits.
     *
     * @return its id, or the id of the instance that has its idempotency key already (then nothing is written)
     */
    String within(Connection c, WorkflowInstance instance, List<OutboxMessage> outbox) throws SQLException {
        return write(c, List.of(new Pending(instance, outbox, null))).get(0);
    }

    /**
     * The batch's instances: those without an idempotency key in JDBC batches (they cannot conflict but by id, which
     * fails the batch), those with one one by one (each may turn out to exist already). An instance created leased
     * carries its lease once written (see {@link InstanceStore#createLeased}).
     */
    private List<String> write(Connection c, List<Pending> batch) throws SQLException {
        String[] ids = new String[batch.size()];
        List<Pending> keyless = new ArrayList<>();
        List<Pending> keylessLeased = new ArrayList<>();
        for (int k = 0; k < batch.size(); k++) {
            Pending p = batch.get(k);
            if (p.instance.idempotencyKey != null) {
                try (PreparedStatement s = c.prepareStatement(p.lease == null ? InstanceRows.INSERT : insertLeased)) {
                    bind(s, p);
                    ids[k] = s.executeUpdate() == 1 ? p.instance.id : existing(c, p.instance);
                }
            } else {
                (p.lease == null ? keyless : keylessLeased).add(p);
                ids[k] = p.instance.id;
            }
        }
        insertAll(c, InstanceRows.INSERT, keyless);
        insertAll(c, insertLeased, keylessLeased);
        List<OutboxMessage> outbox = new ArrayList<>();
        boolean due = false;
        for (int k = 0; k < batch.size(); k++) {
            Pending p = batch.get(k);
            if (!ids[k].equals(p.instance.id)) {
                continue;
            }
            outbox.addAll(p.outbox);
            if (p.lease != null) {
                p.instance.leaseOwner = p.lease.owner();
                p.instance.leaseEpoch = 1;
                held.held(p.instance);
            } else {
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

    private void insertAll(Connection c, String sql, List<Pending> creates) throws SQLException {
        if (creates.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Pending p : creates) {
                bind(s, p);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private void bind(PreparedStatement s, Pending p) throws SQLException {
        if (p.lease == null) {
            InstanceRows.bindInsert(s, p.instance, 1);
            return;
        }
        int next = InstanceRows.bindInsert(s, p.instance, time.bind(s, p.lease.now()));
        s.setString(next++, p.lease.owner());
        s.setLong(next, p.lease.duration().toNanos() / 1000);
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
